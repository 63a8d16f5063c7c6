using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>The <c>FROM</c> clause: tables, subqueries, table functions, <c>UNNEST</c> and joins.</summary>
public sealed partial class SqlParser
{
    /// <summary>Table references joined left to right; commas and <c>JOIN</c>s bind equally, as in Flink.</summary>
    private TableReference ParseFromClause()
    {
        var left = ParseTablePrimary();
        var chain = 0;
        while (true)
        {
            JoinKind kind;
            var natural = false;
            if (Accept(TokenKind.Comma))
            {
                kind = JoinKind.Comma;
            }
            else if (IsKeyword("CROSS", "CROSS JOIN"))
            {
                Advance();
                if (Current.IsKeyword("APPLY"))
                {
                    throw NotSupported(Current.Span, "CROSS APPLY");
                }

                ExpectKeyword("JOIN");
                kind = JoinKind.Cross;
            }
            else if (Current.IsKeyword("OUTER") && PeekToken(1).IsKeyword("APPLY"))
            {
                throw NotSupported(Current.Span, "OUTER APPLY");
            }
            else
            {
                natural = AcceptKeyword("NATURAL");
                if (AcceptKeyword("INNER", "INNER JOIN"))
                {
                    kind = JoinKind.Inner;
                }
                else if (AcceptKeyword("LEFT", "LEFT JOIN"))
                {
                    kind = JoinKind.Left;
                    AcceptKeyword("OUTER");
                }
                else if (AcceptKeyword("RIGHT", "RIGHT JOIN"))
                {
                    kind = JoinKind.Right;
                    AcceptKeyword("OUTER");
                }
                else if (AcceptKeyword("FULL", "FULL JOIN"))
                {
                    kind = JoinKind.Full;
                    AcceptKeyword("OUTER");
                }
                else if (IsKeyword("JOIN") || natural)
                {
                    kind = JoinKind.Inner;
                }
                else
                {
                    break;
                }

                if (Current.IsKeyword("ANTI") || Current.IsKeyword("SEMI"))
                {
                    throw NotSupported(Current.Span, $"{Current.Text.ToUpperInvariant()} JOIN");
                }

                ExpectKeyword("JOIN");
            }

            Enter();
            chain++;
            var right = ParseTablePrimary();
            SqlExpression? condition = null;
            var usingColumns = NodeList<Identifier>.Empty;
            if (kind is not (JoinKind.Comma or JoinKind.Cross) && !natural)
            {
                if (AcceptKeyword("ON"))
                {
                    condition = ParseExpr();
                }
                else if (IsKeyword("USING"))
                {
                    Advance();
                    usingColumns = ParseParenthesizedIdentifiers();
                }
                else
                {
                    throw Unexpected();
                }
            }

            left = new JoinReference(SpanFrom(left.Span), kind, left, right, condition, usingColumns, natural);
        }

        _depth -= chain;
        return left;
    }

    private TableReference ParseTablePrimary()
    {
        Enter();
        var start = Current.Span;
        TableReference result;
        if (AcceptKeyword("LATERAL"))
        {
            if (IsKeyword("TABLE") && PeekToken(1).Kind == TokenKind.LeftParen)
            {
                result = ParseTableFunction(start, lateral: true);
            }
            else if (Is(TokenKind.LeftParen))
            {
                Advance();
                var query = ParseQueryExpression();
                Expect(TokenKind.RightParen);
                var alias = ParseOptionalTableAlias();
                result = new DerivedTableReference(SpanFrom(start), query, true, alias);
            }
            else
            {
                throw Unexpected();
            }
        }
        else if (IsKeyword("TABLE") && PeekToken(1).Kind == TokenKind.LeftParen)
        {
            result = ParseTableFunction(start, lateral: false);
        }
        else if (IsKeyword("UNNEST"))
        {
            Advance();
            Expect(TokenKind.LeftParen);
            var arguments = ParseExpressionList();
            Expect(TokenKind.RightParen);
            var ordinality = false;
            if (IsKeywordPair("WITH", "ORDINALITY"))
            {
                Advance();
                Advance();
                ordinality = true;
            }

            var alias = ParseOptionalTableAlias();
            result = new UnnestReference(SpanFrom(start), arguments, ordinality, alias);
        }
        else if (Is(TokenKind.LeftParen))
        {
            if (StartsParenthesizedQuery())
            {
                Advance();
                var query = ParseQueryExpression();
                Expect(TokenKind.RightParen);
                var alias = ParseOptionalTableAlias();
                result = new DerivedTableReference(SpanFrom(start), query, false, alias);
            }
            else
            {
                Advance();
                result = ParseFromClause();
                Expect(TokenKind.RightParen);
                result = result with { Span = SpanFrom(start) };
            }
        }
        else
        {
            var name = ParseQualifiedName();
            result = Is(TokenKind.LeftParen) ? ParseBareTableFunction(start, name) : ParseNamedTable(name);
        }

        if (Current.IsKeyword("MATCH_RECOGNIZE"))
        {
            result = ParseMatchRecognize(start, result);
        }

        Exit();
        return result;
    }

    private TableFunctionReference ParseTableFunction(SourceSpan start, bool lateral)
    {
        ExpectKeyword("TABLE");
        Expect(TokenKind.LeftParen);
        var name = ParseQualifiedName();
        if (!Is(TokenKind.LeftParen))
        {
            throw Unexpected();
        }

        var call = ParseFunctionCall(name);
        Expect(TokenKind.RightParen);
        var alias = ParseOptionalTableAlias();
        return new TableFunctionReference(SpanFrom(start), call, lateral, alias);
    }

    /// <summary>
    /// A table function called without the <c>TABLE(...)</c> wrapper, as Flink 2 accepts it for window and process
    /// table functions: <c>FROM TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)</c>. The same reference as
    /// <c>TABLE(TUMBLE(...))</c>.
    /// </summary>
    private TableFunctionReference ParseBareTableFunction(SourceSpan start, QualifiedName name)
    {
        var call = ParseFunctionCall(name);
        var alias = ParseOptionalTableAlias();
        return new TableFunctionReference(SpanFrom(start), call, false, alias);
    }

    private NamedTableReference ParseNamedTable(QualifiedName name)
    {
        var hints = ParseOptionalHints();
        SqlExpression? asOf = null;
        if (IsKeyword("FOR", "FOR SYSTEM_TIME AS OF"))
        {
            Advance();
            ExpectKeyword("SYSTEM_TIME");
            ExpectKeyword("AS");
            ExpectKeyword("OF");
            asOf = ParseExpr();
        }

        if (Current.IsKeyword("TABLESAMPLE"))
        {
            throw NotSupported(Current.Span, "TABLESAMPLE");
        }

        var alias = ParseOptionalTableAlias();

        return new NamedTableReference(SpanFrom(name.Span), name, hints, asOf, alias);
    }

    /// <summary><c>[AS] alias [(columns)]</c>, if present.</summary>
    private TableAlias? ParseOptionalTableAlias()
    {
        Identifier name;
        if (AcceptKeyword("AS"))
        {
            name = ParseIdentifier();
        }
        else if (AtIdentifier())
        {
            name = ParseIdentifier();
        }
        else
        {
            return null;
        }

        var columns = Is(TokenKind.LeftParen) ? ParseParenthesizedIdentifiers() : NodeList<Identifier>.Empty;
        return new TableAlias(SpanFrom(name.Span), name, columns);
    }
}
