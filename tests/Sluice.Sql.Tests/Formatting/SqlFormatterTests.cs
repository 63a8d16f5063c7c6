using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;
using static Sluice.Sql.Tests.AstAssert;

namespace Sluice.Sql.Tests.Formatting;

public class SqlFormatterTests
{
    private static readonly SourceSpan S = SourceSpan.None;

    private static IdentifierExpression Column(string name) =>
        new(S, new QualifiedName(S, new NodeList<Identifier>([new Identifier(S, name)])));

    [Theory]
    [InlineData("SELECT `user`, `value`, `timestamp`, `count` FROM `table`", "SELECT `user`, `value`, `timestamp`, `count` FROM `table`")]
    [InlineData("SELECT user, value FROM t", "SELECT `user`, `value` FROM t")]
    [InlineData("SELECT `my col`, `9lives`, `a``b`, ünïcödé FROM t", "SELECT `my col`, `9lives`, `a``b`, ünïcödé FROM t")]
    [InlineData("SELECT COUNT(*), SUM(x), `YEAR`(ts) FROM t", "SELECT COUNT(*), SUM(x), YEAR(ts) FROM t")]
    [InlineData("SELECT `CAST`(x) FROM t", "SELECT `CAST`(x) FROM t")]
    [InlineData("SELECT `SUBSTRING`(x) FROM t", "SELECT `SUBSTRING`(x) FROM t")]
    [InlineData("SELECT `TIMESTAMPADD`(`day`, 1, ts) FROM t", "SELECT `TIMESTAMPADD`(`day`, 1, ts) FROM t")]
    [InlineData("SELECT `from`(x) FROM t", "SELECT `from`(x) FROM t")]
    [InlineData("select a from t where not a", "SELECT a FROM t WHERE NOT a")]
    public void Format_QuotesOnlyWhereNeeded(string sql, string expected) => Assert.Equal(expected, Canonical(sql));

    [Fact]
    public void Format_RowWithOneField_UsesTheRowKeyword()
    {
        var row = new RowConstructor(S, new NodeList<SqlExpression>([Column("a")]), false);
        Assert.Equal("ROW(a)", SqlFormatter.Format(row));
    }

    [Fact]
    public void Format_BuiltTree_AddsParenthesesForPrecedence()
    {
        var sum = new BinaryExpression(S, BinaryOperator.Add, Column("a"), Column("b"));
        var product = new BinaryExpression(S, BinaryOperator.Multiply, sum, new UnaryExpression(S, UnaryOperator.Minus, new UnaryExpression(S, UnaryOperator.Minus, Column("c"))));
        Assert.Equal("(a + b) * - -c", SqlFormatter.Format(product));
        var not = new UnaryExpression(S, UnaryOperator.Not, new BinaryExpression(S, BinaryOperator.Or, Column("a"), Column("b")));
        Assert.Equal("NOT (a OR b)", not.ToString());
        var field = new FieldAccess(S, Column("r"), new Identifier(S, "f"));
        Assert.Equal("(r).f", field.ToString());
    }

    [Fact]
    public void Format_EachNode_ToStringIsCanonicalSql()
    {
        var statement = SqlParser.ParseStatement("CREATE TABLE t (a INT COMMENT 'x', WATERMARK FOR a AS a) WITH ('k' = 'v')");
        var table = Assert.IsType<CreateTableStatement>(statement);
        Assert.Equal("a INT COMMENT 'x'", table.Columns[0].ToString());
        Assert.Equal("WATERMARK FOR a AS a", table.Watermarks[0].ToString());
        Assert.Equal("'k' = 'v'", table.Options[0].ToString());
        Assert.Equal("t", table.Name.ToString());
    }

    [Fact]
    public void Format_StringsAndComments_AreEscaped()
    {
        Assert.Equal("SELECT 'a''b' AS `x``y` FROM t", Canonical("select 'a''b' as `x``y` from t"));
    }
}
