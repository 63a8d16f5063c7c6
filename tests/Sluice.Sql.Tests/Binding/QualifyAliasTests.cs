using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>
/// <c>QUALIFY</c> names the select list's aliases anywhere in its condition (Calcite expands them in every kind of
/// expression), and plans as the subquery form that filters the aliased column.
/// </summary>
public class QualifyAliasTests
{
    private const string Inner = "SELECT s, bi, ROW_NUMBER() OVER (PARTITION BY s ORDER BY bi DESC) AS rn FROM T";

    [Theory]
    [InlineData("rn IN (1, 2)")]
    [InlineData("rn + 0 = 1")]
    [InlineData("ABS(rn) <= 3")]
    [InlineData("CASE WHEN rn = 1 THEN TRUE ELSE FALSE END")]
    [InlineData("CAST(rn AS INT) < 3")]
    [InlineData("rn IS NOT NULL AND (rn < 2 OR s LIKE 'a%')")]
    [InlineData("COALESCE(rn, 0) = 1")]
    public void Qualify_AliasInsideAnyExpression_PlansAsTheSubqueryForm(string condition)
    {
        var qualify = Plan($"{Inner} QUALIFY {condition}");

        Assert.Equal(Plan($"SELECT * FROM ({Inner}) WHERE {condition}").Explain(), qualify.Explain());
    }

    [Fact]
    public void Qualify_AliasInsideAWindowOfTheCondition_IsExpanded()
    {
        var qualify = Plan("SELECT s, bi + 1 AS b1 FROM T QUALIFY ROW_NUMBER() OVER (PARTITION BY s ORDER BY b1 DESC) = 1");
        var expanded = Plan("SELECT s, bi + 1 AS b1 FROM T QUALIFY ROW_NUMBER() OVER (PARTITION BY s ORDER BY bi + 1 DESC) = 1");

        Assert.Equal(expanded.Explain(), qualify.Explain());
    }

    [Fact]
    public void Qualify_AliasOfTwoItems_IsAmbiguous()
    {
        const string sql = "SELECT s AS x, bi AS x, ROW_NUMBER() OVER (PARTITION BY s ORDER BY bi) AS rn FROM T QUALIFY x = 1 AND rn = 1";

        var error = Assert.Throws<SqlException>(() => Plan(sql));

        Assert.Contains("ambiguous", error.Reason, StringComparison.Ordinal);
        Assert.Equal(sql.IndexOf("x = 1", StringComparison.Ordinal) + 1, error.Column);
    }
}
