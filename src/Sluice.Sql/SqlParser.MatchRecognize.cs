using System.Globalization;
using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>
/// <c>MATCH_RECOGNIZE</c>: row pattern recognition after a table in <c>FROM</c>. Constructs Flink does not support fail with
/// a positioned <see cref="SqlErrorCode.NotSupported"/> error naming them: <c>ALL ROWS PER MATCH</c>, the anchors
/// <c>^</c> and <c>$</c>, <c>PERMUTE</c> and exclusions <c>{- ... -}</c>.
/// </summary>
public sealed partial class SqlParser
{
    /// <summary>The clause after <paramref name="input"/>, from the <c>MATCH_RECOGNIZE</c> keyword to the optional alias.</summary>
    private MatchRecognizeReference ParseMatchRecognize(SourceSpan start, TableReference input)
    {
        ExpectKeyword("MATCH_RECOGNIZE");
        if (AliasOf(input) is { } inputAlias)
        {
            throw Error(inputAlias.Span, "the input of MATCH_RECOGNIZE cannot have an alias; write the alias after the MATCH_RECOGNIZE (...) clause");
        }

        Enter();
        Expect(TokenKind.LeftParen);
        var partition = NodeList<SqlExpression>.Empty;
        if (IsKeywordPair("PARTITION", "BY"))
        {
            Advance();
            Advance();
            partition = ParseExpressionList();
        }

        var order = NodeList<OrderItem>.Empty;
        if (IsKeywordPair("ORDER", "BY"))
        {
            Advance();
            Advance();
            order = ParseOrderItems();
        }

        var measures = new List<MatchMeasure>();
        if (AcceptKeyword("MEASURES"))
        {
            do
            {
                var expression = ParseExpr();
                ExpectKeyword("AS");
                var name = ParseIdentifier();
                measures.Add(new MatchMeasure(SpanFrom(expression.Span), expression, name));
            }
            while (Accept(TokenKind.Comma));
        }

        var oneRow = false;
        if (IsKeyword("ONE", "ONE ROW PER MATCH"))
        {
            Advance();
            ExpectKeyword("ROW");
            ExpectKeyword("PER");
            ExpectKeyword("MATCH");
            oneRow = true;
        }
        else if (IsKeywordPair("ALL", "ROWS", "ALL ROWS PER MATCH"))
        {
            throw new SqlException(SqlErrorCode.NotSupported, Current.Span,
                "ALL ROWS PER MATCH is not supported (as in Flink, MATCH_RECOGNIZE supports only ONE ROW PER MATCH)");
        }

        MatchSkip? skip = null;
        if (IsKeyword("AFTER", "AFTER MATCH SKIP"))
        {
            skip = ParseMatchSkip();
        }

        ExpectKeyword("PATTERN");
        Expect(TokenKind.LeftParen);
        var pattern = ParseRowPatternAlternation();
        if (!Is(TokenKind.RightParen))
        {
            throw Unexpected();
        }

        Advance();
        IntervalLiteral? within = null;
        if (AcceptKeyword("WITHIN"))
        {
            if (!IsKeyword("INTERVAL"))
            {
                throw Unexpected();
            }

            within = ParseIntervalLiteral();
        }

        var subsets = new List<MatchSubset>();
        if (AcceptKeyword("SUBSET"))
        {
            do
            {
                var name = ParseIdentifier();
                Expect(TokenKind.Equal);
                var variables = ParseParenthesizedIdentifiers();
                subsets.Add(new MatchSubset(SpanFrom(name.Span), name, variables));
            }
            while (Accept(TokenKind.Comma));
        }

        ExpectKeyword("DEFINE");
        var definitions = new List<MatchDefinition>();
        do
        {
            var variable = ParseIdentifier();
            ExpectKeyword("AS");
            var condition = ParseExpr();
            definitions.Add(new MatchDefinition(SpanFrom(variable.Span), variable, condition));
        }
        while (Accept(TokenKind.Comma));

        Expect(TokenKind.RightParen);
        Exit();
        var alias = ParseOptionalTableAlias();
        return new MatchRecognizeReference(SpanFrom(start), input, partition, order, NodeList<MatchMeasure>.From(measures), oneRow, skip,
            pattern, within, NodeList<MatchSubset>.From(subsets), NodeList<MatchDefinition>.From(definitions), alias);
    }

    private static TableAlias? AliasOf(TableReference input) => input switch
    {
        NamedTableReference named => named.Alias,
        DerivedTableReference derived => derived.Alias,
        TableFunctionReference function => function.Alias,
        UnnestReference unnest => unnest.Alias,
        MatchRecognizeReference match => match.Alias,
        _ => null,
    };

    private MatchSkip ParseMatchSkip()
    {
        var start = ExpectKeyword("AFTER").Span;
        ExpectKeyword("MATCH");
        ExpectKeyword("SKIP");
        if (AcceptKeyword("PAST"))
        {
            ExpectKeyword("LAST");
            ExpectKeyword("ROW");
            return new MatchSkip(SpanFrom(start), MatchSkipKind.PastLastRow, null);
        }

        ExpectKeyword("TO");
        if (AcceptKeyword("NEXT"))
        {
            ExpectKeyword("ROW");
            return new MatchSkip(SpanFrom(start), MatchSkipKind.ToNextRow, null);
        }

        if ((Current.IsKeyword("FIRST") || Current.IsKeyword("LAST"))
            && PeekToken(1).Kind is TokenKind.Word or TokenKind.QuotedIdentifier
            && !PeekToken(1).IsKeyword("PATTERN"))
        {
            var kind = Advance().IsKeyword("FIRST") ? MatchSkipKind.ToFirst : MatchSkipKind.ToLast;
            var variable = ParseIdentifier();
            return new MatchSkip(SpanFrom(start), kind, variable);
        }

        var target = ParseIdentifier();
        return new MatchSkip(SpanFrom(start), MatchSkipKind.ToVariable, target);
    }

    private bool IsPatternOperator(char symbol)
    {
        Note("'" + symbol + "'");
        return Current.Kind == TokenKind.PatternOperator && Current.Text[0] == symbol;
    }

    private RowPattern ParseRowPatternAlternation()
    {
        Enter();
        var first = ParseRowPatternConcatenation();
        if (!IsPatternOperator('|'))
        {
            Exit();
            return first;
        }

        var alternatives = new List<RowPattern> { first };
        while (IsPatternOperator('|'))
        {
            Advance();
            alternatives.Add(ParseRowPatternConcatenation());
        }

        Exit();
        return new RowPatternAlternation(SpanFrom(first.Span), NodeList<RowPattern>.From(alternatives));
    }

    private RowPattern ParseRowPatternConcatenation()
    {
        var items = new List<RowPattern> { ParseRowPatternQuantified() };
        while (!Is(TokenKind.RightParen) && !IsPatternOperator('|') && !Is(TokenKind.EndOfInput))
        {
            items.Add(ParseRowPatternQuantified());
        }

        return items.Count == 1 ? items[0] : new RowPatternConcatenation(SpanFrom(items[0].Span), NodeList<RowPattern>.From(items));
    }

    private RowPattern ParseRowPatternQuantified()
    {
        var primary = ParseRowPatternPrimary();
        int min;
        int? max;
        var quantifierStart = Current.Span;
        if (Accept(TokenKind.Star))
        {
            (min, max) = (0, null);
        }
        else if (Accept(TokenKind.Plus))
        {
            (min, max) = (1, null);
        }
        else if (IsPatternOperator('?'))
        {
            Advance();
            (min, max) = (0, 1);
        }
        else if (IsPatternOperator('{') && PeekToken(1).Kind != TokenKind.Minus)
        {
            Advance();
            (min, max) = ParseRepetitionBounds(quantifierStart);
        }
        else
        {
            return primary;
        }

        var reluctant = false;
        if (IsPatternOperator('?'))
        {
            Advance();
            reluctant = true;
        }

        if (Current.Kind == TokenKind.Star || Current.Kind == TokenKind.Plus || (Current.Kind == TokenKind.PatternOperator && Current.Text is "?" or "{"))
        {
            throw Error(Current.Span, "a row pattern takes one quantifier; put the quantified pattern in parentheses to quantify it again");
        }

        return new RowPatternQuantified(SpanFrom(primary.Span), primary, min, max, reluctant);
    }

    /// <summary><c>{n}</c>, <c>{n,}</c>, <c>{n,m}</c> or <c>{,m}</c> after the <c>{</c>, with Flink's bounds.</summary>
    private (int Min, int? Max) ParseRepetitionBounds(SourceSpan start)
    {
        int min;
        int? max;
        if (Accept(TokenKind.Comma))
        {
            min = 0;
            max = ParseInt32();
        }
        else
        {
            min = ParseInt32();
            if (Accept(TokenKind.Comma))
            {
                max = Is(TokenKind.Integer) ? ParseInt32() : null;
            }
            else
            {
                max = min;
                if (min == 0)
                {
                    throw Error(SpanFrom(start), "the quantifier {n} needs n > 0");
                }
            }
        }

        if (!IsPatternOperator('}'))
        {
            throw Unexpected();
        }

        Advance();
        if (max is { } upper && (upper == 0 || upper < min))
        {
            throw Error(SpanFrom(start), string.Create(CultureInfo.InvariantCulture,
                $"the quantifier {{{min},{upper}}} needs 0 <= n <= m and m > 0"));
        }

        return (min, max);
    }

    private RowPattern ParseRowPatternPrimary()
    {
        var start = Current.Span;
        if (Accept(TokenKind.LeftParen))
        {
            var inner = ParseRowPatternAlternation();
            Expect(TokenKind.RightParen);
            return inner with { Span = SpanFrom(start) };
        }

        if (IsPatternOperator('^') || IsPatternOperator('$'))
        {
            throw new SqlException(SqlErrorCode.NotSupported, Current.Span,
                "the row pattern anchors ^ and $ are not supported (they have no meaning on a stream; Flink does not support them either)");
        }

        if (IsPatternOperator('{'))
        {
            throw new SqlException(SqlErrorCode.NotSupported, Current.Span,
                "row pattern exclusions {- ... -} are not supported (they need ALL ROWS PER MATCH, which Flink does not support)");
        }

        if (Current.IsKeyword("PERMUTE") && PeekToken(1).Kind == TokenKind.LeftParen)
        {
            throw new SqlException(SqlErrorCode.NotSupported, Current.Span,
                "PERMUTE is not supported in row patterns (as in Flink); write the permutations as alternatives (A B | B A)");
        }

        var name = ParseIdentifier();
        if (name.Value.EndsWith('$'))
        {
            throw new SqlException(SqlErrorCode.NotSupported, name.Span,
                "the row pattern anchors ^ and $ are not supported (they have no meaning on a stream; Flink does not support them either)");
        }

        return new RowPatternVariable(name.Span, name);
    }
}
