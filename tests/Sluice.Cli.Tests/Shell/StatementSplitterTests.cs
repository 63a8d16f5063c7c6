using Sluice.Cli.Shell;

namespace Sluice.Cli.Tests.Shell;

public class StatementSplitterTests
{
    [Fact]
    public void Add_StatementOverSeveralLines_CompleteAtTheSemicolon()
    {
        var splitter = new StatementSplitter();

        Assert.Empty(splitter.AddLine("SELECT a,"));
        Assert.False(splitter.IsEmpty);
        Assert.Empty(splitter.AddLine("  b FROM t"));
        var done = splitter.AddLine("WHERE a > 1;");

        Assert.Equal(["SELECT a,\n  b FROM t\nWHERE a > 1;"], done);
        Assert.True(splitter.IsEmpty);
    }

    [Fact]
    public void Add_SeveralStatementsOnOneLine_AllInOrder()
    {
        var splitter = new StatementSplitter();

        Assert.Equal(["SET 'a' = '1';", "SHOW TABLES;"], splitter.AddLine("SET 'a' = '1'; SHOW TABLES;"));
        Assert.True(splitter.IsEmpty);
    }

    [Theory]
    [InlineData("SELECT ';' FROM t;", "SELECT ';' FROM t;")]
    [InlineData("SELECT 'it''s;' FROM t;", "SELECT 'it''s;' FROM t;")]
    [InlineData("SELECT \"a;b\" FROM t;", "SELECT \"a;b\" FROM t;")]
    [InlineData("SELECT `a;b` FROM t;", "SELECT `a;b` FROM t;")]
    [InlineData("SELECT 1 /* ; */ FROM t;", "SELECT 1 /* ; */ FROM t;")]
    [InlineData("SELECT 1 -- no end; here\nFROM t;", "SELECT 1 -- no end; here\nFROM t;")]
    public void Split_SemicolonInsideQuotesOrComments_DoesNotEndTheStatement(string text, string expected)
    {
        var (statements, remainder) = StatementSplitter.Split(text);

        Assert.Equal([expected], statements);
        Assert.Equal("", remainder);
    }

    [Fact]
    public void Add_StringLiteralOverLines_StaysOpenUntilItsQuote()
    {
        var splitter = new StatementSplitter();

        Assert.Empty(splitter.AddLine("SELECT 'first;"));
        Assert.Empty(splitter.AddLine("second;"));
        Assert.False(splitter.IsEmpty);
        Assert.Equal(["SELECT 'first;\nsecond;\n'\nFROM t;"], [.. splitter.AddLine("'"), .. splitter.AddLine("FROM t;")]);
    }

    [Fact]
    public void Add_BlockCommentOverLines_SemicolonsInsideIgnored()
    {
        var splitter = new StatementSplitter();

        Assert.Empty(splitter.AddLine("/* a comment;"));
        Assert.False(splitter.IsEmpty);
        Assert.Empty(splitter.AddLine("   still; */"));
        Assert.True(splitter.IsEmpty);
        Assert.Equal(["/* a comment;\n   still; */\nSHOW TABLES;"], splitter.AddLine("SHOW TABLES;"));
    }

    [Fact]
    public void Add_OnlyWhitespaceCommentsAndSemicolons_IsNoStatement()
    {
        var splitter = new StatementSplitter();

        Assert.Empty(splitter.AddLine("   "));
        Assert.Empty(splitter.AddLine("-- just a comment;"));
        Assert.Empty(splitter.AddLine(";;"));
        Assert.True(splitter.IsEmpty);
    }

    [Fact]
    public void Split_TextAfterTheLastStatement_IsTheRemainder()
    {
        var (statements, remainder) = StatementSplitter.Split("SHOW TABLES; SELECT 1\nFROM t");

        Assert.Equal(["SHOW TABLES;"], statements);
        Assert.Equal("SELECT 1\nFROM t", remainder);
    }

    [Fact]
    public void Reset_DropsTheUnfinishedStatement()
    {
        var splitter = new StatementSplitter();
        splitter.AddLine("SELECT 'open");

        splitter.Reset();

        Assert.True(splitter.IsEmpty);
        Assert.Equal(["SHOW TABLES;"], splitter.AddLine("SHOW TABLES;"));
    }

    [Fact]
    public void Add_DashOrSlashAlone_IsCode()
    {
        Assert.Equal(["SELECT 5 - 1 / 2;"], StatementSplitter.Split("SELECT 5 - 1 / 2;").Statements);
    }
}
