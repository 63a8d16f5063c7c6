using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql;

/// <summary>Statements other than DDL: dispatch, scripts, <c>INSERT</c>, statement sets, <c>SET</c>, <c>SHOW</c>, ...</summary>
public sealed partial class SqlParser
{
    private const string StatementLabel =
        "a statement (SELECT, INSERT, CREATE, DROP, ALTER, SET, RESET, SHOW, DESCRIBE, EXPLAIN, USE, EXECUTE, BEGIN)";

    private static readonly string[] UnsupportedStatements =
        ["UPDATE", "DELETE", "TRUNCATE", "ANALYZE", "CALL", "LOAD", "UNLOAD", "ADD", "REMOVE", "MERGE", "COMPILE"];

    private List<SqlStatement> ParseScriptCore()
    {
        var statements = new List<SqlStatement>();
        while (true)
        {
            while (Accept(TokenKind.Semicolon))
            {
            }

            if (Is(TokenKind.EndOfInput))
            {
                return statements;
            }

            statements.Add(ParseStatementCore());
            if (Accept(TokenKind.Semicolon))
            {
                continue;
            }

            ExpectEndOfInput();
            return statements;
        }
    }

    private SqlStatement ParseStatementCore()
    {
        // One label for the whole alternative list keeps "expected ..." readable.
        _expected.Clear();
        _expectedAt = _pos;
        var token = Current;
        if (token.Kind == TokenKind.LeftParen || token.IsKeyword("SELECT") || token.IsKeyword("WITH") || token.IsKeyword("VALUES")
            || (token.IsKeyword("VALUE") && PeekToken(1).Kind == TokenKind.LeftParen))
        {
            var query = ParseQueryExpression();
            return new QueryStatement(query.Span, query);
        }

        if (token.Kind == TokenKind.Word)
        {
            switch (token.Text.ToUpperInvariant())
            {
                case "CREATE": return ParseCreate();
                case "DROP": return ParseDrop();
                case "ALTER": return ParseAlter();
                case "INSERT": return ParseInsert();
                case "SET": return ParseSet();
                case "RESET": return ParseReset();
                case "SHOW": return ParseShow();
                case "DESCRIBE" or "DESC": return ParseDescribe();
                case "EXPLAIN": return ParseExplain();
                case "USE": return ParseUse();
                case "EXECUTE": return ParseExecute();
                case "BEGIN": return ParseBeginStatementSet();
                case "STATEMENT" when PeekToken(1).IsKeyword("SET"):
                    return ParseStatementSet(Advance().Span, StatementSetSyntax.StatementSet);
            }

            foreach (var unsupported in UnsupportedStatements)
            {
                if (token.IsKeyword(unsupported))
                {
                    throw NotSupported(token.Span, $"the {unsupported.ToUpperInvariant()} statement");
                }
            }
        }

        throw Unexpected(StatementLabel);
    }

    // ----- INSERT and statement sets -----

    private InsertStatement ParseInsert()
    {
        var start = ExpectKeyword("INSERT").Span;
        bool overwrite;
        if (AcceptKeyword("INTO"))
        {
            overwrite = false;
        }
        else if (AcceptKeyword("OVERWRITE"))
        {
            overwrite = true;
        }
        else
        {
            throw Unexpected();
        }

        var target = ParseQualifiedName();
        var hints = ParseOptionalHints();
        var partition = ParseOptionalPartitionSpec();

        var columns = NodeList<Identifier>.Empty;
        if (Is(TokenKind.LeftParen) && !StartsParenthesizedQuery())
        {
            columns = ParseParenthesizedIdentifiers();
        }

        var query = ParseQueryExpression();
        return new InsertStatement(SpanFrom(start), target, overwrite, hints, partition, columns, query);
    }

    /// <summary>True when the <c>(</c> at the current position opens a query rather than a list.</summary>
    private bool StartsParenthesizedQuery()
    {
        var offset = 0;
        while (PeekToken(offset).Kind == TokenKind.LeftParen && offset <= MaxNestingDepth)
        {
            offset++;
        }

        var first = PeekToken(offset);
        return first.IsKeyword("SELECT") || first.IsKeyword("WITH") || first.IsKeyword("VALUES")
            || (first.IsKeyword("VALUE") && PeekToken(offset + 1).Kind == TokenKind.LeftParen);
    }

    private StatementSetStatement ParseExecute()
    {
        var start = ExpectKeyword("EXECUTE").Span;
        if (!IsKeyword("STATEMENT", "STATEMENT SET"))
        {
            throw IsKeyword("INSERT") || IsKeyword("PLAN") || AtQueryStart()
                ? NotSupported(Current.Span, "EXECUTE other than EXECUTE STATEMENT SET")
                : Unexpected();
        }

        Advance();
        return ParseStatementSet(start, StatementSetSyntax.ExecuteStatementSet);
    }

    /// <summary><c>SET BEGIN insert; ... END</c> after <c>[EXECUTE] STATEMENT</c>.</summary>
    private StatementSetStatement ParseStatementSet(SourceSpan start, StatementSetSyntax syntax)
    {
        ExpectKeyword("SET");
        ExpectKeyword("BEGIN");
        var inserts = ParseStatementSetBody();
        return new StatementSetStatement(SpanFrom(start), syntax, inserts);
    }

    /// <summary><c>BEGIN STATEMENT SET; insert; ... END</c>, the SQL client's form.</summary>
    private StatementSetStatement ParseBeginStatementSet()
    {
        var start = ExpectKeyword("BEGIN").Span;
        ExpectKeyword("STATEMENT");
        ExpectKeyword("SET");
        Expect(TokenKind.Semicolon);
        var inserts = ParseStatementSetBody();
        return new StatementSetStatement(SpanFrom(start), StatementSetSyntax.BeginStatementSet, inserts);
    }

    /// <summary><c>insert; insert; ... END</c>: every insert ends with a semicolon.</summary>
    private NodeList<InsertStatement> ParseStatementSetBody()
    {
        var inserts = new List<InsertStatement>();
        while (true)
        {
            while (Accept(TokenKind.Semicolon))
            {
            }

            if (AcceptKeyword("END"))
            {
                break;
            }

            if (!IsKeyword("INSERT"))
            {
                throw Unexpected();
            }

            inserts.Add(ParseInsert());
            Expect(TokenKind.Semicolon);
        }

        if (inserts.Count == 0)
        {
            throw Error(Previous.Span, "a statement set must contain at least one INSERT statement");
        }

        return NodeList<InsertStatement>.From(inserts);
    }

    // ----- session and catalog statements -----

    private SetStatement ParseSet()
    {
        var start = ExpectKeyword("SET").Span;
        if (Is(TokenKind.String))
        {
            var key = ParseStringValue();
            Expect(TokenKind.Equal);
            var value = ParseStringValue();
            return new SetStatement(SpanFrom(start), key, value);
        }

        if (Current.Kind is TokenKind.Word or TokenKind.QuotedIdentifier)
        {
            throw Error(Current.Span,
                $"unexpected '{Current.Text}' — SET takes a quoted key and value, e.g. SET 'table.exec.mini-batch.enabled' = 'true'");
        }

        Note("';'");
        Note("end of input");
        return new SetStatement(start, null, null);
    }

    private ResetStatement ParseReset()
    {
        var start = ExpectKeyword("RESET").Span;
        if (Is(TokenKind.String))
        {
            var key = ParseStringValue();
            return new ResetStatement(SpanFrom(start), key);
        }

        if (Current.Kind is TokenKind.Word or TokenKind.QuotedIdentifier)
        {
            throw Error(Current.Span, $"unexpected '{Current.Text}' — RESET takes a quoted key, e.g. RESET 'parallelism.default'");
        }

        return new ResetStatement(start, null);
    }

    private static string ShowKindText(ShowKind kind) => kind switch
    {
        ShowKind.UserFunctions => "USER FUNCTIONS",
        _ => kind.ToString().ToUpperInvariant(),
    };

    private ShowStatement ParseShow()
    {
        var start = ExpectKeyword("SHOW").Span;
        ShowKind kind;
        QualifiedName? target = null;
        var allowsFromAndLike = false;
        if (AcceptKeyword("TABLES"))
        {
            kind = ShowKind.Tables;
            allowsFromAndLike = true;
        }
        else if (AcceptKeyword("VIEWS"))
        {
            kind = ShowKind.Views;
            allowsFromAndLike = true;
        }
        else if (AcceptKeyword("FUNCTIONS"))
        {
            kind = ShowKind.Functions;
            allowsFromAndLike = true;
        }
        else if (AcceptKeyword("USER", "USER FUNCTIONS"))
        {
            ExpectKeyword("FUNCTIONS");
            kind = ShowKind.UserFunctions;
            allowsFromAndLike = true;
        }
        else if (AcceptKeyword("CATALOGS"))
        {
            kind = ShowKind.Catalogs;
            allowsFromAndLike = true;
        }
        else if (AcceptKeyword("DATABASES"))
        {
            kind = ShowKind.Databases;
            allowsFromAndLike = true;
        }
        else if (AcceptKeyword("MODULES"))
        {
            kind = ShowKind.Modules;
        }
        else if (AcceptKeyword("FULL", "FULL MODULES"))
        {
            ExpectKeyword("MODULES");
            kind = ShowKind.FullModules;
        }
        else if (AcceptKeyword("JARS"))
        {
            kind = ShowKind.Jars;
        }
        else if (AcceptKeyword("CURRENT", "CURRENT CATALOG|DATABASE"))
        {
            if (AcceptKeyword("CATALOG"))
            {
                kind = ShowKind.CurrentCatalog;
            }
            else
            {
                ExpectKeyword("DATABASE");
                kind = ShowKind.CurrentDatabase;
            }
        }
        else if (AcceptKeyword("CREATE", "CREATE TABLE|VIEW|CATALOG"))
        {
            if (AcceptKeyword("TABLE"))
            {
                kind = ShowKind.CreateTable;
            }
            else if (AcceptKeyword("CATALOG"))
            {
                kind = ShowKind.CreateCatalog;
            }
            else
            {
                ExpectKeyword("VIEW");
                kind = ShowKind.CreateView;
            }

            if (kind == ShowKind.CreateCatalog)
            {
                // A catalog name has one part.
                var catalogName = ParseIdentifier();
                target = new QualifiedName(catalogName.Span, NodeList<Identifier>.From([catalogName]));
            }
            else
            {
                target = ParseQualifiedName();
            }
        }
        else if (AcceptKeyword("COLUMNS"))
        {
            kind = ShowKind.Columns;
            if (!AcceptKeyword("FROM") && !AcceptKeyword("IN"))
            {
                throw Unexpected();
            }

            target = ParseQualifiedName();
            allowsFromAndLike = true;
        }
        else if (AcceptKeyword("PARTITIONS"))
        {
            return ParseShowPartitions(start);
        }
        else if (Current.Kind == TokenKind.Word && !Keywords.IsReserved(Current.Text))
        {
            throw NotSupported(Current.Span, $"SHOW {Current.Text.ToUpperInvariant()}");
        }
        else
        {
            throw Unexpected();
        }

        string? pattern = null;
        var notLike = false;
        if (allowsFromAndLike)
        {
            if (kind != ShowKind.Columns && (AcceptKeyword("FROM") || AcceptKeyword("IN")))
            {
                target = ParseQualifiedName();
            }

            // As Flink 2: ILIKE (case-insensitive) only where show.md lists it.
            var allowsILike = kind is ShowKind.Functions or ShowKind.UserFunctions or ShowKind.Catalogs or ShowKind.Databases;
            if (IsKeywordPair("NOT", "LIKE", "NOT LIKE") || (allowsILike && IsKeywordPair("NOT", "ILIKE", "NOT ILIKE")))
            {
                Advance();
                notLike = true;
            }

            if (allowsILike && AcceptKeyword("ILIKE"))
            {
                pattern = ParseStringValue();
                return new ShowStatement(SpanFrom(start), kind, target, pattern, notLike) { IsILike = true };
            }

            if (Current.IsKeyword("ILIKE") || (Current.IsKeyword("NOT") && PeekToken(1).IsKeyword("ILIKE")))
            {
                throw Error(Current.IsKeyword("NOT") ? PeekToken(1).Span : Current.Span,
                    $"SHOW {ShowKindText(kind)} takes [NOT] LIKE, not ILIKE (as Flink, only SHOW CATALOGS, DATABASES and [USER] FUNCTIONS take ILIKE)");
            }

            if (notLike)
            {
                ExpectKeyword("LIKE");
                pattern = ParseStringValue();
            }
            else if (AcceptKeyword("LIKE"))
            {
                pattern = ParseStringValue();
            }
        }

        return new ShowStatement(SpanFrom(start), kind, target, pattern, notLike);
    }

    private SqlStatement ParseDescribe()
    {
        var start = Advance().Span;
        if (IsKeyword("CATALOG") && PeekToken(1).Kind is not (TokenKind.Dot or TokenKind.Semicolon or TokenKind.EndOfInput))
        {
            // DESCRIBE CATALOG [EXTENDED] name; a table named "catalog" stays DESCRIBE catalog.
            Advance();
            var extendedCatalog = AcceptKeyword("EXTENDED");
            var catalogName = ParseIdentifier();
            return new DescribeCatalogStatement(SpanFrom(start), catalogName, extendedCatalog);
        }

        if (IsKeyword("FUNCTION") && PeekToken(1).Kind is not (TokenKind.Dot or TokenKind.Semicolon or TokenKind.EndOfInput))
        {
            // DESCRIBE FUNCTION [EXTENDED] name; a table named "function" stays DESCRIBE function.
            Advance();
            var extendedFunction = AcceptKeyword("EXTENDED");
            var functionName = ParseQualifiedName();
            return new DescribeFunctionStatement(SpanFrom(start), functionName, extendedFunction);
        }

        var extended = AcceptKeyword("EXTENDED");
        var name = ParseQualifiedName();
        return new DescribeStatement(SpanFrom(start), name, extended);
    }

    private ExplainStatement ParseExplain()
    {
        var start = ExpectKeyword("EXPLAIN").Span;
        var details = new List<ExplainDetail>();
        if (AcceptKeyword("PLAN", "PLAN FOR"))
        {
            ExpectKeyword("FOR");
        }
        else
        {
            while (TryParseExplainDetail(out var detail))
            {
                if (details.Contains(detail))
                {
                    throw Error(Previous.Span, $"the EXPLAIN detail {Previous.Text.ToUpperInvariant()} is given twice");
                }

                details.Add(detail);
                if (!Accept(TokenKind.Comma))
                {
                    break;
                }
            }
        }

        var statementStart = Current.Span;
        var statement = ParseStatementCore();
        if (statement is not (QueryStatement or InsertStatement or StatementSetStatement))
        {
            throw new SqlException(SqlErrorCode.SyntaxError, statementStart,
                "EXPLAIN applies to a query, an INSERT statement or a statement set");
        }

        return new ExplainStatement(SpanFrom(start), NodeList<ExplainDetail>.From(details), statement);
    }

    private bool TryParseExplainDetail(out ExplainDetail detail)
    {
        string[] names = ["ESTIMATED_COST", "CHANGELOG_MODE", "PLAN_ADVICE", "JSON_EXECUTION_PLAN"];
        ExplainDetail[] values =
            [ExplainDetail.EstimatedCost, ExplainDetail.ChangelogMode, ExplainDetail.PlanAdvice, ExplainDetail.JsonExecutionPlan];
        for (var i = 0; i < names.Length; i++)
        {
            if (AcceptKeyword(names[i]))
            {
                detail = values[i];
                return true;
            }
        }

        detail = default;
        return false;
    }

    private UseStatement ParseUse()
    {
        var start = ExpectKeyword("USE").Span;
        if (IsKeyword("MODULES") && PeekToken(1).Kind is TokenKind.Word or TokenKind.QuotedIdentifier)
        {
            throw NotSupported(Current.Span, "USE MODULES");
        }

        if (IsKeyword("CATALOG") && PeekToken(1).Kind is TokenKind.Word or TokenKind.QuotedIdentifier)
        {
            Advance();
            var catalog = ParseQualifiedName();
            return new UseStatement(SpanFrom(start), catalog, true);
        }

        var name = ParseQualifiedName();
        return new UseStatement(SpanFrom(start), name, false);
    }
}
