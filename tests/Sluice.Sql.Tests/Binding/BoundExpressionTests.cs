using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Tests.Binding;

/// <summary>Bound expressions: value equality, rewriting and text.</summary>
public class BoundExpressionTests
{
    private static readonly DataType Int = DataTypes.Int();

    [Fact]
    public void Expressions_CompareByValue()
    {
        var a = BoundCall.Create(BuiltInFunctions.Plus, Int, new BoundInputRef(0, "a", Int), new BoundLiteral(1, Int.NotNull()));
        var b = BoundCall.Create(BuiltInFunctions.Plus, Int, new BoundInputRef(0, "a", Int), new BoundLiteral(1, Int.NotNull()));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, BoundCall.Create(BuiltInFunctions.Minus, Int, new BoundInputRef(0, "a", Int), new BoundLiteral(1, Int.NotNull())));
        Assert.Equal(new BoundLiteral(new byte[] { 1, 2 }, DataTypes.Binary(2)), new BoundLiteral(new byte[] { 1, 2 }, DataTypes.Binary(2)));
    }

    [Fact]
    public void Transform_RewritesBottomUpAndKeepsUnchangedNodes()
    {
        var expression = BoundCall.Create(BuiltInFunctions.Plus, Int, new BoundInputRef(0, "a", Int), new BoundInputRef(1, "b", Int));
        var shifted = expression.Transform(e => e is BoundInputRef r ? r with { Index = r.Index + 10 } : e);
        Assert.Equal("$10 + $11", shifted.ToString());
        Assert.Same(expression, expression.Transform(e => e));
        Assert.Equal([0, 1], expression.InputIndexes());
    }

    [Theory]
    [InlineData("a + b * 2", "$0 + $1 * 2")]
    [InlineData("(a + b) * 2", "($0 + $1) * 2")]
    [InlineData("a - (b - 1)", "$0 - ($1 - 1)")]
    [InlineData("a > 1 AND b > 2 AND a < b", "$0 > 1 AND $1 > 2 AND $0 < $1")]
    [InlineData("a > 1 OR b > 2 AND a < b", "$0 > 1 OR $1 > 2 AND $0 < $1")]
    [InlineData("(a > 1 OR b > 2) AND a < b", "($0 > 1 OR $1 > 2) AND $0 < $1")]
    [InlineData("NOT (a > 1)", "NOT $0 > 1")]
    [InlineData("-a", "-$0")]
    [InlineData("a IS NULL", "$0 IS NULL")]
    [InlineData("a IN (1, 2)", "$0 IN (1, 2)")]
    [InlineData("CAST(a AS BIGINT)", "CAST($0 AS BIGINT)")]
    [InlineData("CASE WHEN a > 1 THEN 'x' END", "CASE WHEN $0 > 1 THEN 'x' ELSE NULL:CHAR(1) END")]
    [InlineData("s || 'it''s'", "$2 || 'it''s'")]
    [InlineData("INTERVAL '90' SECOND", "INTERVAL '90' SECOND")]
    [InlineData("INTERVAL '1.5' SECOND", "INTERVAL '1.5' SECOND")]
    [InlineData("INTERVAL '2' HOUR", "INTERVAL '2' HOUR")]
    [InlineData("INTERVAL '14' MONTH", "INTERVAL '14' MONTH")]
    [InlineData("INTERVAL '2' YEAR", "INTERVAL '2' YEAR")]
    [InlineData("DATE '2024-02-29'", "DATE '2024-02-29'")]
    [InlineData("TIMESTAMP '2024-02-29 10:11:12.345'", "TIMESTAMP '2024-02-29 10:11:12.345'")]
    [InlineData("1.5e0", "1.5E0")]
    [InlineData("X'0aFF'", "X'0AFF'")]
    [InlineData("EXTRACT(DAY FROM d)", "EXTRACT(DAY, $3)")]
    [InlineData("ARRAY[a, 2][1]", "ARRAY[$0, 2][1]")]
    public void Formatter_WritesSqlLikeText(string sql, string expected)
    {
        var schema = new Sluice.Sql.Planning.PlanSchema(
        [
            new("a", Int), new("b", Int), new("s", DataTypes.String()), new("d", DataTypes.Date()),
        ]);
        var binder = new Binder(BindingAssert.Catalog);
        var bound = binder.BindScalar(SqlParser.ParseExpression(sql), schema, Clause.Select);
        Assert.Equal(expected, bound.ToString());
    }

    [Fact]
    public void Formatter_NamesInputColumnsWithAResolver()
    {
        var expression = BoundCall.Create(BuiltInFunctions.EqualTo, DataTypes.Boolean(), new BoundInputRef(0, "x", Int), new BoundLiteral(1, Int.NotNull()));
        Assert.Equal("city = 1", BoundExpressionFormatter.Format(expression, _ => "city"));
    }
}
