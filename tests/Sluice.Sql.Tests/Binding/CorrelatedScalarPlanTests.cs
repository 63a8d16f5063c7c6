using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>
/// Correlated scalar subqueries whose shapes the rewrite of their syntax does not cover, decorrelated as plans (Calcite's
/// decorrelator): the plans hold no correlation any more, and have the joins and aggregations that Flink's plans have.
/// </summary>
public class CorrelatedScalarPlanTests
{
    [Fact]
    public void GroupedSubquery_IsSingleValuedPerCorrelationKey()
    {
        var text = Plan("SELECT a.s, (SELECT MAX(b.i) FROM T AS b WHERE b.s = a.s GROUP BY b.s) AS m FROM T AS a").Explain();
        Assert.Contains("SINGLE_VALUE(", text, StringComparison.Ordinal);
        Assert.Contains("type=[LEFT]", text, StringComparison.Ordinal);
        Assert.Contains("Aggregate(group=[s, $key0]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("$cor", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DistinctValue_IsSingleValuedPerCorrelationKey()
    {
        var text = Plan("SELECT a.s, (SELECT DISTINCT b.i FROM T AS b WHERE b.s = a.s) AS m FROM T AS a").Explain();
        Assert.Contains("SINGLE_VALUE(i)", text, StringComparison.Ordinal);
        // A NULL key equals no outer value: its rows are left out before SINGLE_VALUE could fail on them.
        Assert.Contains("IS NOT NULL", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedSubqueryInTheWhereOfASubquery_IsDecorrelated()
    {
        var plan = Plan("""
            SELECT a.s, (SELECT COUNT(*) FROM T AS o
                         WHERE o.s = a.s AND o.i > (SELECT MIN(o2.i) FROM T AS o2 WHERE o2.s = o.s)) AS n
            FROM T AS a
            """);
        var text = plan.Explain();
        Assert.Contains("COALESCE(", text, StringComparison.Ordinal);
        Assert.False(plan.Schema[1].Type.IsNullable);
    }

    [Fact]
    public void DerivedTableReadingTheOuterRow_IsDecorrelated()
    {
        var plan = Plan("SELECT a.s, (SELECT MAX(x.v) FROM (SELECT b.i + 1 AS v FROM T AS b WHERE b.s = a.s) AS x) AS m FROM T AS a");
        Assert.Equal(["s", "m"], plan.Schema.Names);
        Assert.Contains("type=[LEFT]", plan.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void AggregateArgumentReadingTheOuterRow_RunsOverTheDistinctOuterValues()
    {
        var text = Plan("SELECT a.s, (SELECT SUM(b.i * a.i) FROM T AS b WHERE b.s = a.s) AS w FROM T AS a").Explain();
        // The domain: the distinct (s, i) of the outer rows, joined back with IS NOT DISTINCT FROM (keyed by COALESCE and IS NULL).
        Assert.Contains("Aggregate(group=[$cor0, $cor1])", text, StringComparison.Ordinal);
        Assert.Contains("IS NULL", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AggregateArgumentReadingTheOuterRow_WithoutCorrelatedWhere()
    {
        var text = Plan("SELECT a.s, (SELECT MIN(a.i) FROM T AS b WHERE b.s = 'x') AS m FROM T AS a").Explain();
        Assert.Contains("Aggregate(group=[$cor0])", text, StringComparison.Ordinal);
        Assert.Contains("condition=[TRUE]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NonEqualityInAnAggregatingQuery_IsJoinedOntoTheAggregation()
    {
        var plan = Plan("SELECT s, COUNT(*) AS n, (SELECT COUNT(*) FROM T AS b WHERE b.s < a.s) AS before FROM T AS a GROUP BY s");
        Assert.Equal(["s", "n", "before"], plan.Schema.Names);
        var text = plan.Explain();
        Assert.Contains("Aggregate(group=[$cor0])", text, StringComparison.Ordinal);
        Assert.Contains("COALESCE(", text, StringComparison.Ordinal);
    }

    [Fact]
    public void OrderByLimitOne_IsATopNUnderSingleValue()
    {
        var text = Plan("SELECT a.s, (SELECT b.i FROM T AS b WHERE b.s = a.s ORDER BY b.i DESC LIMIT 1) AS top FROM T AS a").Explain();
        Assert.Contains("Rank(", text, StringComparison.Ordinal);
        Assert.Contains("SINGLE_VALUE(", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LateralLimitWithoutOrderBy_IsATopNWithoutSortKey()
    {
        var text = Plan("SELECT a.s, x.i FROM T AS a, LATERAL (SELECT b.i FROM T AS b WHERE b.s = a.s LIMIT 2) AS x").Explain();
        Assert.Contains("Rank(", text, StringComparison.Ordinal);
        Assert.Contains("partition=[$key0]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LateralAggregateArgumentReadingTheLeftSide_RunsOverTheDistinctLeftValues()
    {
        var text = Plan("SELECT * FROM T AS a, LATERAL (SELECT SUM(b.i + a.i) AS n FROM T AS b WHERE b.s = a.s) AS x").Explain();
        Assert.Contains("Aggregate(group=[$cor0, $cor1])", text, StringComparison.Ordinal);
        Assert.DoesNotContain("$cor0 =", text, StringComparison.Ordinal);
    }
}
