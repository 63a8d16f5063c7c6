using Sluice.Sql.Ast;
using static Sluice.Sql.Tests.AstAssert;

namespace Sluice.Sql.Tests.Parsing;

public class StatementParserTests
{
    [Theory]
    [InlineData("INSERT INTO sink SELECT * FROM src", "INSERT INTO sink SELECT * FROM src")]
    [InlineData("insert overwrite sink partition (dt='2024-01-01', hr=1) select a from src", "INSERT OVERWRITE sink PARTITION (dt = '2024-01-01', hr = 1) SELECT a FROM src")]
    [InlineData("INSERT INTO sink (a, b) VALUES (1, 2)", "INSERT INTO sink (a, b) VALUES (1, 2)")]
    [InlineData("INSERT INTO sink (SELECT 1)", "INSERT INTO sink SELECT 1")]
    [InlineData("INSERT INTO sink ((SELECT 1) UNION (SELECT 2))", "INSERT INTO sink SELECT 1 UNION SELECT 2")]
    [InlineData("INSERT INTO sink /*+ OPTIONS('sink.parallelism'='2') */ SELECT 1", "INSERT INTO sink /*+ OPTIONS('sink.parallelism' = '2') */ SELECT 1")]
    [InlineData("SET 'k' = 'v'", "SET 'k' = 'v'")]
    [InlineData("set", "SET")]
    [InlineData("RESET 'k'", "RESET 'k'")]
    [InlineData("RESET", "RESET")]
    [InlineData("show tables", "SHOW TABLES")]
    [InlineData("SHOW TABLES IN c.d NOT LIKE 'x%'", "SHOW TABLES FROM c.d NOT LIKE 'x%'")]
    [InlineData("SHOW VIEWS", "SHOW VIEWS")]
    [InlineData("SHOW FUNCTIONS LIKE 'a%'", "SHOW FUNCTIONS LIKE 'a%'")]
    [InlineData("SHOW USER FUNCTIONS", "SHOW USER FUNCTIONS")]
    [InlineData("show user functions in c.db not like 'f%'", "SHOW USER FUNCTIONS FROM c.db NOT LIKE 'f%'")]
    [InlineData("SHOW CATALOGS", "SHOW CATALOGS")]
    [InlineData("SHOW DATABASES", "SHOW DATABASES")]
    [InlineData("SHOW CURRENT CATALOG", "SHOW CURRENT CATALOG")]
    [InlineData("SHOW CURRENT DATABASE", "SHOW CURRENT DATABASE")]
    [InlineData("SHOW CREATE TABLE t", "SHOW CREATE TABLE t")]
    [InlineData("SHOW CREATE VIEW v", "SHOW CREATE VIEW v")]
    [InlineData("SHOW COLUMNS IN t", "SHOW COLUMNS FROM t")]
    [InlineData("SHOW FULL MODULES", "SHOW FULL MODULES")]
    [InlineData("DESC t", "DESCRIBE t")]
    [InlineData("DESCRIBE EXTENDED c.d.t", "DESCRIBE EXTENDED c.d.t")]
    [InlineData("DESCRIBE `extended`", "DESCRIBE `extended`")]
    [InlineData("USE CATALOG c", "USE CATALOG c")]
    [InlineData("USE d", "USE d")]
    [InlineData("USE c.d", "USE c.d")]
    [InlineData("USE `catalog`", "USE catalog")]
    [InlineData("EXPLAIN SELECT 1", "EXPLAIN SELECT 1")]
    [InlineData("EXPLAIN PLAN FOR SELECT 1", "EXPLAIN SELECT 1")]
    [InlineData("EXPLAIN CHANGELOG_MODE, ESTIMATED_COST, PLAN_ADVICE, JSON_EXECUTION_PLAN SELECT 1", "EXPLAIN CHANGELOG_MODE, ESTIMATED_COST, PLAN_ADVICE, JSON_EXECUTION_PLAN SELECT 1")]
    [InlineData("EXPLAIN INSERT INTO s SELECT 1", "EXPLAIN INSERT INTO s SELECT 1")]
    [InlineData("EXPLAIN STATEMENT SET BEGIN INSERT INTO s SELECT 1; END", "EXPLAIN STATEMENT SET BEGIN INSERT INTO s SELECT 1; END")]
    [InlineData("EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT INTO b SELECT 2; END", "EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT INTO b SELECT 2; END")]
    [InlineData("BEGIN STATEMENT SET; INSERT INTO a SELECT 1; END", "BEGIN STATEMENT SET; INSERT INTO a SELECT 1; END")]
    public void Statements_Canonical(string sql, string expected) => Assert.Equal(expected, Canonical(sql));

    [Fact]
    public void Insert_RecordsTargetPartitionColumnsAndQuery()
    {
        var insert = Statement<InsertStatement>("INSERT OVERWRITE c.d.sink PARTITION (dt = '2024') (a, b) SELECT x, y FROM src");
        Assert.True(insert.IsOverwrite);
        Assert.Equal("sink", insert.Target.Last.Value);
        var partition = Assert.Single(insert.Partition);
        Assert.Equal("dt", partition.Column.Value);
        Assert.Equal("2024", Assert.IsType<StringLiteral>(partition.Value).Value);
        Assert.Equal(["a", "b"], insert.Columns.Select(c => c.Value));
        Assert.IsType<SelectQuery>(insert.Query);
    }

    [Fact]
    public void Set_KeyAndValue()
    {
        var set = Statement<SetStatement>("SET 'table.exec.state.ttl' = '1 h'");
        Assert.Equal("table.exec.state.ttl", set.Key);
        Assert.Equal("1 h", set.Value);
        Assert.Null(Statement<SetStatement>("SET").Key);
    }

    [Fact]
    public void Show_RecordsTargetAndPattern()
    {
        var show = Statement<ShowStatement>("SHOW TABLES FROM db LIKE 'a%'");
        Assert.Equal(ShowKind.Tables, show.Kind);
        Assert.Equal("db", show.Target!.Last.Value);
        Assert.Equal("a%", show.LikePattern);
        Assert.False(show.IsNotLike);
    }

    [Fact]
    public void Explain_RecordsDetailsAndStatement()
    {
        var explain = Statement<ExplainStatement>("EXPLAIN CHANGELOG_MODE, ESTIMATED_COST INSERT INTO s SELECT 1");
        Assert.Equal([ExplainDetail.ChangelogMode, ExplainDetail.EstimatedCost], explain.Details);
        Assert.IsType<InsertStatement>(explain.Statement);
    }

    [Fact]
    public void ExecuteStatementSet_HoldsTheInserts()
    {
        var set = Statement<StatementSetStatement>("EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT INTO b SELECT 2; END");
        Assert.Equal(StatementSetSyntax.ExecuteStatementSet, set.Syntax);
        Assert.Equal(["a", "b"], set.Statements.Select(s => s.Target.Last.Value));
    }

    [Fact]
    public void Use_Catalog()
    {
        var use = Statement<UseStatement>("USE CATALOG my_catalog");
        Assert.True(use.IsCatalog);
        Assert.Equal("my_catalog", use.Name.Last.Value);
    }

    [Fact]
    public void ParseScript_SplitsOnSemicolonsAndSkipsEmptyStatements()
    {
        var statements = SqlParser.ParseScript(";; SELECT 1; ; SET 'a' = 'b';\n-- trailing comment\n");
        Assert.Equal(2, statements.Count);
        Assert.IsType<QueryStatement>(statements[0]);
        Assert.IsType<SetStatement>(statements[1]);
    }

    [Fact]
    public void ParseScript_LastSemicolonIsOptional()
    {
        Assert.Equal(2, SqlParser.ParseScript("SELECT 1; SELECT 2").Count);
    }

    [Fact]
    public void ParseScript_Empty_NoStatements()
    {
        Assert.Empty(SqlParser.ParseScript("  /* nothing */ -- at all"));
    }

    [Fact]
    public void ParseScript_ClientStatementSet_IsOneStatement()
    {
        var statements = SqlParser.ParseScript("""
            SET 'pipeline.name' = 'two sinks';
            BEGIN STATEMENT SET;
            INSERT INTO a SELECT * FROM src;
            INSERT INTO b SELECT * FROM src;
            END;
            SELECT 1;
            """);
        Assert.Equal(3, statements.Count);
        var set = Assert.IsType<StatementSetStatement>(statements[1]);
        Assert.Equal(StatementSetSyntax.BeginStatementSet, set.Syntax);
        Assert.Equal(2, set.Statements.Count);
    }

    [Fact]
    public void ParseStatement_AllowsOneTrailingSemicolon()
    {
        Assert.IsType<QueryStatement>(SqlParser.ParseStatement("SELECT 1;"));
    }

    [Fact]
    public void FormatScript_EndsEveryStatementWithASemicolon()
    {
        var script = SqlParser.ParseScript("select 1; set 'a'='b'");
        Assert.Equal("SELECT 1;\nSET 'a' = 'b';\n", SqlFormatter.FormatScript(script));
    }

    [Fact]
    public void Statement_Span_CoversTheStatementOnly()
    {
        const string sql = "SELECT 1;\n  INSERT INTO t SELECT 2 ;";
        var insert = SqlParser.ParseScript(sql)[1];
        Assert.Equal("INSERT INTO t SELECT 2", insert.Span.TextOf(sql));
        Assert.Equal(2, insert.Span.Line);
        Assert.Equal(3, insert.Span.Column);
    }
}
