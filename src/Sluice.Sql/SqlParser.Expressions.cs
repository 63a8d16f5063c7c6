using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>Expressions: precedence climbing over infix and postfix operators, and primary expressions.</summary>
public sealed partial class SqlParser
{
    private SqlExpression ParseExpr() => ParseBinary(Precedence.Or);

    private NodeList<SqlExpression> ParseExpressionList()
    {
        var list = new List<SqlExpression>();
        do
        {
            list.Add(ParseExpr());
        }
        while (Accept(TokenKind.Comma));

        return NodeList<SqlExpression>.From(list);
    }

    /// <summary>Parses operators of precedence at least <paramref name="minPrecedence"/>; binary operators are left-associative.</summary>
    private SqlExpression ParseBinary(int minPrecedence)
    {
        Enter();
        var left = ParseUnary();
        var chain = 0;
        while (true)
        {
            Note(OperatorLabel);
            var precedence = PeekInfixPrecedence();
            if (precedence == 0 || precedence < minPrecedence)
            {
                break;
            }

            // A left-deep chain grows the tree without recursion; count it so the tree depth stays bounded.
            Enter();
            chain++;
            left = ParseInfix(left, precedence);
        }

        _depth -= chain;
        Exit();
        return left;
    }

    /// <summary>The precedence of the infix or postfix operator at the current token, or 0 when there is none.</summary>
    private int PeekInfixPrecedence()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater
                or TokenKind.GreaterOrEqual:
                return Precedence.Comparison;
            case TokenKind.Plus or TokenKind.Minus:
                return Precedence.Additive;
            case TokenKind.Star or TokenKind.Slash or TokenKind.Percent or TokenKind.Concat:
                return Precedence.Multiplicative;
            case TokenKind.Word:
                break;
            default:
                return 0;
        }

        if (token.IsKeyword("OR"))
        {
            return Precedence.Or;
        }

        if (token.IsKeyword("AND"))
        {
            return Precedence.And;
        }

        if (token.IsKeyword("IS"))
        {
            var next = PeekToken(1).IsKeyword("NOT") ? PeekToken(2) : PeekToken(1);
            return next.IsKeyword("DISTINCT") ? Precedence.Comparison : Precedence.Is;
        }

        if (token.IsKeyword("NOT"))
        {
            var next = PeekToken(1);
            return IsRangeOperator(next) ? Precedence.Between : 0;
        }

        if (token.IsKeyword("OVERLAPS"))
        {
            return Precedence.Comparison;
        }

        return IsRangeOperator(token) ? Precedence.Between : 0;
    }

    private static bool IsRangeOperator(Token token) =>
        token.IsKeyword("IN") || token.IsKeyword("BETWEEN") || token.IsKeyword("LIKE") || token.IsKeyword("SIMILAR")
        || token.IsKeyword("ILIKE") || token.IsKeyword("RLIKE");

    private SqlExpression ParseInfix(SqlExpression left, int precedence)
    {
        var token = Advance();
        switch (token.Kind)
        {
            case TokenKind.Equal:
                return ParseComparison(left, BinaryOperator.Equal);
            case TokenKind.NotEqual:
                return ParseComparison(left, BinaryOperator.NotEqual);
            case TokenKind.Less:
                return ParseComparison(left, BinaryOperator.Less);
            case TokenKind.LessOrEqual:
                return ParseComparison(left, BinaryOperator.LessOrEqual);
            case TokenKind.Greater:
                return ParseComparison(left, BinaryOperator.Greater);
            case TokenKind.GreaterOrEqual:
                return ParseComparison(left, BinaryOperator.GreaterOrEqual);
            case TokenKind.Plus:
                return Binary(BinaryOperator.Add, left, precedence);
            case TokenKind.Minus:
                return Binary(BinaryOperator.Subtract, left, precedence);
            case TokenKind.Star:
                return Binary(BinaryOperator.Multiply, left, precedence);
            case TokenKind.Slash:
                return Binary(BinaryOperator.Divide, left, precedence);
            case TokenKind.Percent:
                return Binary(BinaryOperator.Modulo, left, precedence);
            case TokenKind.Concat:
                return Binary(BinaryOperator.Concat, left, precedence);
        }

        if (token.IsKeyword("OR"))
        {
            return Binary(BinaryOperator.Or, left, precedence);
        }

        if (token.IsKeyword("AND"))
        {
            return Binary(BinaryOperator.And, left, precedence);
        }

        if (token.IsKeyword("IS"))
        {
            return ParseIs(left);
        }

        if (token.IsKeyword("OVERLAPS"))
        {
            return Binary(BinaryOperator.Overlaps, left, precedence);
        }

        var negated = false;
        var op = token;
        if (token.IsKeyword("NOT"))
        {
            negated = true;
            op = Advance();
        }

        if (op.IsKeyword("IN"))
        {
            return ParseIn(left, negated);
        }

        if (op.IsKeyword("BETWEEN"))
        {
            var symmetry = BetweenSymmetry.Default;
            if (AcceptKeyword("ASYMMETRIC"))
            {
                symmetry = BetweenSymmetry.Asymmetric;
            }
            else if (AcceptKeyword("SYMMETRIC"))
            {
                symmetry = BetweenSymmetry.Symmetric;
            }

            var low = ParseBinary(Precedence.Additive);
            ExpectKeyword("AND");
            var high = ParseBinary(Precedence.Additive);
            return new BetweenExpression(SpanFrom(left.Span), left, low, high, negated, symmetry);
        }

        if (op.IsKeyword("LIKE") || op.IsKeyword("SIMILAR"))
        {
            var likeOperator = LikeOperator.Like;
            if (op.IsKeyword("SIMILAR"))
            {
                ExpectKeyword("TO");
                likeOperator = LikeOperator.SimilarTo;
            }

            var pattern = ParseBinary(Precedence.Additive);
            var escape = AcceptKeyword("ESCAPE") ? ParseBinary(Precedence.Additive) : null;
            return new LikeExpression(SpanFrom(left.Span), left, pattern, escape, negated, likeOperator);
        }

        throw NotSupported(op.Span, $"the {op.Text.ToUpperInvariant()} operator");
    }

    private BinaryExpression Binary(BinaryOperator op, SqlExpression left, int precedence)
    {
        var right = ParseBinary(precedence + 1);
        return new BinaryExpression(SpanFrom(left.Span), op, left, right);
    }

    private BinaryExpression ParseComparison(SqlExpression left, BinaryOperator op)
    {
        if ((Current.IsKeyword("ANY") || Current.IsKeyword("SOME") || Current.IsKeyword("ALL"))
            && PeekToken(1).Kind == TokenKind.LeftParen)
        {
            throw NotSupported(Current.Span, $"the quantified comparison {Current.Text.ToUpperInvariant()} (...)");
        }

        return Binary(op, left, Precedence.Comparison);
    }

    private SqlExpression ParseIs(SqlExpression left)
    {
        var negated = AcceptKeyword("NOT");
        if (AcceptKeyword("DISTINCT", "DISTINCT FROM"))
        {
            ExpectKeyword("FROM");
            var right = ParseBinary(Precedence.Comparison + 1);
            return new BinaryExpression(SpanFrom(left.Span),
                negated ? BinaryOperator.IsNotDistinctFrom : BinaryOperator.IsDistinctFrom, left, right);
        }

        IsTest test;
        if (AcceptKeyword("NULL"))
        {
            test = IsTest.Null;
        }
        else if (AcceptKeyword("TRUE"))
        {
            test = IsTest.True;
        }
        else if (AcceptKeyword("FALSE"))
        {
            test = IsTest.False;
        }
        else if (AcceptKeyword("UNKNOWN"))
        {
            test = IsTest.Unknown;
        }
        else if (AcceptKeyword("JSON"))
        {
            test = AcceptKeyword("SCALAR") ? IsTest.JsonScalar
                : AcceptKeyword("ARRAY") ? IsTest.JsonArray
                : AcceptKeyword("OBJECT") ? IsTest.JsonObject
                : IsTest.Json;
            if (test == IsTest.Json)
            {
                AcceptKeyword("VALUE");
            }
        }
        else
        {
            throw Unexpected();
        }

        return new IsExpression(SpanFrom(left.Span), left, test, negated);
    }

    private SqlExpression ParseIn(SqlExpression left, bool negated)
    {
        Expect(TokenKind.LeftParen);
        if (AtQueryStart())
        {
            var query = ParseQueryExpression();
            Expect(TokenKind.RightParen);
            return new InSubqueryExpression(SpanFrom(left.Span), left, query, negated);
        }

        var values = ParseExpressionList();
        Expect(TokenKind.RightParen);
        return new InListExpression(SpanFrom(left.Span), left, values, negated);
    }

    private SqlExpression ParseUnary()
    {
        var token = Current;
        UnaryOperator op;
        if (token.IsKeyword("NOT"))
        {
            op = UnaryOperator.Not;
        }
        else if (token.Kind == TokenKind.Minus)
        {
            op = UnaryOperator.Minus;
        }
        else if (token.Kind == TokenKind.Plus)
        {
            op = UnaryOperator.Plus;
        }
        else
        {
            return ParsePostfix(ParsePrimary());
        }

        Advance();
        Enter();
        var operand = op == UnaryOperator.Not ? ParseBinary(Precedence.Is) : ParseUnary();
        Exit();
        return new UnaryExpression(SpanFrom(token.Span), op, operand);
    }

    /// <summary>Element access <c>x[i]</c> and field access <c>x.f</c> after a primary expression.</summary>
    private SqlExpression ParsePostfix(SqlExpression target)
    {
        var chain = 0;
        while (true)
        {
            if (Current.Kind == TokenKind.LeftBracket)
            {
                Advance();
                Enter();
                chain++;
                var index = ParseExpr();
                Expect(TokenKind.RightBracket);
                target = new ItemAccess(SpanFrom(target.Span), target, index);
            }
            else if (Current.Kind == TokenKind.Dot)
            {
                Advance();
                Enter();
                chain++;
                var field = ParseAnyIdentifier();
                target = new FieldAccess(SpanFrom(target.Span), target, field);
            }
            else if (Current.Kind == TokenKind.DoubleColon)
            {
                throw new SqlException(SqlErrorCode.NotSupported, Current.Span,
                    "'::' casts are not part of Flink SQL; write CAST(value AS type)");
            }
            else
            {
                break;
            }
        }

        _depth -= chain;
        return target;
    }
}
