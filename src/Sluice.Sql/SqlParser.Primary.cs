using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>Primary expressions: literals, names, calls, constructors, <c>CASE</c>, intervals and parenthesized expressions.</summary>
public sealed partial class SqlParser
{
    private SqlExpression ParsePrimary()
    {
        Enter();
        var result = ParsePrimaryCore();
        Exit();
        return result;
    }

    private SqlExpression ParsePrimaryCore()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer or TokenKind.Decimal or TokenKind.Approximate:
                Advance();
                return new NumericLiteral(token.Span, token.Text, NumericKind(token.Kind));
            case TokenKind.String:
                Advance();
                return new StringLiteral(token.Span, token.Value);
            case TokenKind.BinaryString:
                Advance();
                return new BinaryStringLiteral(token.Span, token.Value);
            case TokenKind.LeftParen:
                return ParseParenthesized();
            case TokenKind.QuotedIdentifier:
                return ParseNameOrCall();
            case TokenKind.Word:
                return ParseWordPrimary();
            default:
                throw Unexpected(ExpressionLabel);
        }
    }

    private SqlExpression ParseParenthesized()
    {
        var start = Expect(TokenKind.LeftParen).Span;
        if (Current.IsKeyword("SELECT") || Current.IsKeyword("WITH") || Current.IsKeyword("VALUES"))
        {
            var query = ParseQueryExpression();
            Expect(TokenKind.RightParen);
            return new SubqueryExpression(SpanFrom(start), query);
        }

        var first = ParseExpr();
        if (Accept(TokenKind.Comma))
        {
            var fields = new List<SqlExpression> { first };
            do
            {
                fields.Add(ParseExpr());
            }
            while (Accept(TokenKind.Comma));

            Expect(TokenKind.RightParen);
            return new RowConstructor(SpanFrom(start), NodeList<SqlExpression>.From(fields), false);
        }

        Expect(TokenKind.RightParen);
        return first with { Span = SpanFrom(start) };
    }

    private SqlExpression ParseWordPrimary()
    {
        var token = Current;
        var next = PeekToken(1);
        var upper = token.Text.ToUpperInvariant();
        switch (upper)
        {
            case "TRUE":
                Advance();
                return new BooleanLiteral(token.Span, true);
            case "FALSE":
                Advance();
                return new BooleanLiteral(token.Span, false);
            case "NULL":
                Advance();
                return new NullLiteral(token.Span);
            case "CASE":
                return ParseCase();
            case "INTERVAL":
                return ParseIntervalLiteral();
            case "EXISTS" when next.Kind == TokenKind.LeftParen:
            {
                Advance();
                Advance();
                var query = ParseQueryExpression();
                Expect(TokenKind.RightParen);
                return new ExistsExpression(SpanFrom(token.Span), query);
            }

            case "DATE" or "TIME" or "TIMESTAMP" or "TIMESTAMP_LTZ" when next.Kind == TokenKind.String:
            {
                Advance();
                var value = Advance().Value;
                var kind = upper switch
                {
                    "DATE" => TypedLiteralKind.Date,
                    "TIME" => TypedLiteralKind.Time,
                    "TIMESTAMP" => TypedLiteralKind.Timestamp,
                    _ => TypedLiteralKind.TimestampLtz,
                };
                return new TypedLiteral(SpanFrom(token.Span), kind, value);
            }

            case "TIMESTAMP" when next.IsKeyword("WITH") && PeekToken(2).IsKeyword("LOCAL") && PeekToken(3).IsKeyword("TIME")
                                  && PeekToken(4).IsKeyword("ZONE") && PeekToken(5).Kind == TokenKind.String:
            {
                for (var i = 0; i < 5; i++)
                {
                    Advance();
                }

                var value = Advance().Value;
                return new TypedLiteral(SpanFrom(token.Span), TypedLiteralKind.TimestampLtz, value);
            }

            case "ROW" when next.Kind == TokenKind.LeftParen:
            {
                Advance();
                Advance();
                var fields = Is(TokenKind.RightParen) ? NodeList<SqlExpression>.Empty : ParseExpressionList();
                Expect(TokenKind.RightParen);
                return new RowConstructor(SpanFrom(token.Span), fields, true);
            }

            case "ARRAY" or "MAP" when next.Kind == TokenKind.LeftBracket:
            {
                Advance();
                Advance();
                var elements = Is(TokenKind.RightBracket) ? NodeList<SqlExpression>.Empty : ParseExpressionList();
                Expect(TokenKind.RightBracket);
                var span = SpanFrom(token.Span);
                if (upper == "ARRAY")
                {
                    return new ArrayConstructor(span, elements);
                }

                if (elements.Count % 2 != 0)
                {
                    throw Error(span, "MAP[...] takes keys and values in pairs: MAP[key1, value1, key2, value2, ...]");
                }

                return new MapConstructor(span, elements);
            }

            case "ARRAY" or "MAP" or "MULTISET" when next.Kind == TokenKind.LeftParen:
                throw NotSupported(token.Span, $"the {upper}(subquery) constructor");
            case "MATCH_RECOGNIZE":
                throw NotSupported(token.Span, "MATCH_RECOGNIZE");
        }

        if (Keywords.NiladicFunctions.Contains(upper) && next.Kind != TokenKind.LeftParen)
        {
            Advance();
            var name = new QualifiedName(token.Span, NodeList<Identifier>.Wrap([new Identifier(token.Span, token.Text)]));
            return new FunctionCall(token.Span, name, NodeList<SqlExpression>.Empty, SetQuantifier.None, null, null, false);
        }

        if (next.Kind == TokenKind.LeftParen)
        {
            var special = TryParseSpecialFunction(upper);
            if (special is not null)
            {
                return special;
            }
        }

        if (Keywords.IsReserved(token.Text)
            && !(next.Kind == TokenKind.LeftParen
                 && (Keywords.ReservedFunctionNames.Contains(upper) || Keywords.NiladicFunctions.Contains(upper))))
        {
            throw Unexpected(ExpressionLabel);
        }

        return ParseNameOrCall();
    }

    /// <summary>A (possibly qualified) name: a column reference, <c>t.*</c>, or a function call when <c>(</c> follows.</summary>
    private SqlExpression ParseNameOrCall()
    {
        var first = Advance();
        var parts = new List<Identifier> { new(first.Span, first.Value) };
        while (Current.Kind == TokenKind.Dot)
        {
            var next = PeekToken(1);
            if (next.Kind == TokenKind.Star)
            {
                var qualifier = new QualifiedName(first.Span.Through(parts[^1].Span), NodeList<Identifier>.From(parts));
                Advance();
                Advance();
                return new StarExpression(SpanFrom(first.Span), qualifier);
            }

            if (next.Kind is not (TokenKind.Word or TokenKind.QuotedIdentifier))
            {
                break;
            }

            Advance();
            parts.Add(ParseAnyIdentifier());
        }

        var name = new QualifiedName(SpanFrom(first.Span), NodeList<Identifier>.From(parts));
        if (Current.Kind == TokenKind.LeftParen)
        {
            var timeUnitFirst = first.Kind == TokenKind.Word && parts.Count == 1
                && (first.IsKeyword("TIMESTAMPADD") || first.IsKeyword("TIMESTAMPDIFF"));
            return ParseFunctionCall(name, timeUnitFirst);
        }

        return new IdentifierExpression(name.Span, name);
    }

    private SqlExpression ParseCase()
    {
        var start = ExpectKeyword("CASE").Span;
        Enter();
        var operand = IsKeyword("WHEN") ? null : ParseExpr();
        var whens = new List<WhenClause>();
        do
        {
            // A simple CASE may list several values in one branch (WHEN 1, 2 THEN ...): one branch per value.
            var whenStart = ExpectKeyword("WHEN").Span;
            var conditions = new List<SqlExpression> { ParseExpr() };
            while (operand is not null && Accept(TokenKind.Comma))
            {
                conditions.Add(ParseExpr());
            }

            ExpectKeyword("THEN");
            var result = ParseExpr();
            foreach (var condition in conditions)
            {
                whens.Add(new WhenClause(SpanFrom(whenStart), condition, result));
            }
        }
        while (IsKeyword("WHEN"));

        var elseResult = AcceptKeyword("ELSE") ? ParseExpr() : null;
        ExpectKeyword("END");
        Exit();
        return new CaseExpression(SpanFrom(start), operand, NodeList<WhenClause>.From(whens), elseResult);
    }

    private IntervalLiteral ParseIntervalLiteral()
    {
        var start = ExpectKeyword("INTERVAL").Span;
        var negative = false;
        if (Accept(TokenKind.Minus))
        {
            negative = true;
        }
        else
        {
            Accept(TokenKind.Plus);
        }

        string value;
        if (Is(TokenKind.String))
        {
            value = Advance().Value;
        }
        else if (Current.Kind is TokenKind.Integer or TokenKind.Decimal)
        {
            value = Advance().Text;
        }
        else
        {
            throw Unexpected();
        }

        var qualifier = ParseIntervalQualifier();
        return new IntervalLiteral(SpanFrom(start), negative, value, qualifier);
    }

    private IntervalQualifier ParseIntervalQualifier()
    {
        var start = Current.Span;
        var unit = ParseIntervalUnit();
        int? startPrecision = null;
        int? fractionalPrecision = null;
        if (Accept(TokenKind.LeftParen))
        {
            var first = ParseInt32();
            if (unit == TimeUnit.Second)
            {
                if (Accept(TokenKind.Comma))
                {
                    startPrecision = first;
                    fractionalPrecision = ParseInt32();
                }
                else
                {
                    fractionalPrecision = first;
                }
            }
            else
            {
                startPrecision = first;
            }

            Expect(TokenKind.RightParen);
        }

        TimeUnit? end = null;
        if (unit != TimeUnit.Second && AcceptKeyword("TO"))
        {
            var endToken = Current;
            var endUnit = ParseIntervalUnit();
            var valid = (unit, endUnit) switch
            {
                (TimeUnit.Year, TimeUnit.Month) => true,
                (TimeUnit.Day, TimeUnit.Hour or TimeUnit.Minute or TimeUnit.Second) => true,
                (TimeUnit.Hour, TimeUnit.Minute or TimeUnit.Second) => true,
                (TimeUnit.Minute, TimeUnit.Second) => true,
                _ => false,
            };
            if (!valid)
            {
                throw new SqlException(SqlErrorCode.SyntaxError, endToken.Span,
                    $"invalid interval qualifier {TimeUnits.ToSql(unit)} TO {TimeUnits.ToSql(endUnit)}");
            }

            end = endUnit;
            if (endUnit == TimeUnit.Second && Accept(TokenKind.LeftParen))
            {
                fractionalPrecision = ParseInt32();
                Expect(TokenKind.RightParen);
            }
        }

        return new IntervalQualifier(SpanFrom(start), unit, startPrecision, end, fractionalPrecision);
    }

    private TimeUnit ParseIntervalUnit()
    {
        Note("time unit (YEAR, MONTH, DAY, HOUR, MINUTE, SECOND)");
        if (Current.Kind == TokenKind.Word && TimeUnits.TryParseWithPlural(Current.Text, out var unit) && TimeUnits.IsIntervalUnit(unit))
        {
            Advance();
            return unit;
        }

        throw Unexpected();
    }

    /// <summary>A time unit for <c>EXTRACT</c>, <c>FLOOR/CEIL ... TO</c>, <c>TIMESTAMPADD</c> and <c>TIMESTAMPDIFF</c>.</summary>
    private TimeUnit ParseTimeUnit()
    {
        Note("time unit");
        if (Current.Kind == TokenKind.Word && TimeUnits.TryParse(Current.Text, out var unit))
        {
            Advance();
            return unit;
        }

        throw Unexpected();
    }
}
