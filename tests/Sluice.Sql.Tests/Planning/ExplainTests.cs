using Sluice.Sql.Planning;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Planning;

/// <summary>The text format of plans.</summary>
public class ExplainTests
{
    [Fact]
    public void Aggregate_ShowsKeysAndTypedCalls()
    {
        var plan = Plan("SELECT city, COUNT(*) AS events FROM ShipEvent GROUP BY city");
        Assert.Equal("Aggregate(group=[city], aggs=[COUNT() AS events: BIGINT NOT NULL])", plan.ExplainNode(PlanSchema.Empty));
    }

    [Fact]
    public void Tree_IsIndentedTwoSpacesPerLevel()
    {
        var lines = Plan("SELECT UPPER(s) AS u FROM T WHERE i > 1").Explain().Split('\n');
        Assert.Equal("Project(exprs=[UPPER(s) AS u: STRING])", lines[0]);
        Assert.Equal("  Filter(condition=[i > 1])", lines[1]);
        Assert.StartsWith("    TableScan(table=[T], fields=[ti: TINYINT, si: SMALLINT, ", lines[2], StringComparison.Ordinal);
        Assert.Equal("", lines[3]);
    }

    [Fact]
    public void JoinCondition_NamesColumnsOfBothSides()
    {
        var plan = Plan("SELECT a.s FROM T AS a JOIN T AS b ON a.i = b.bi");
        // The cast key is computed below the join (JoinKeyExpressionRule), as the left side's column $left_key0.
        Assert.Equal("Join(type=[INNER], condition=[$left_key0 = bi])", plan.Inputs[0].ExplainNode(PlanSchema.Empty));
        Assert.Contains("CAST(i AS BIGINT) AS $left_key0", plan.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void CorrelatedLeaf_NamesColumnsOfTheLeftSide()
    {
        var text = Plan("SELECT w FROM T, LATERAL TABLE(SPLIT_WORDS(s)) AS x (w)").Explain();
        Assert.Contains("TableFunctionScan(call=[SPLIT_WORDS(s)], fields=[word: STRING])", text, StringComparison.Ordinal);
    }

    [Fact]
    public void StatementResult_PrintsABoxedTable()
    {
        var result = StatementResult.Of(["name", "ok"], [["a", true], ["bcd", null]]);
        Assert.Equal("""
            +------+--------+
            | name |     ok |
            +------+--------+
            |    a |   TRUE |
            |  bcd | <NULL> |
            +------+--------+
            2 rows in set

            """.Replace("\r", "", StringComparison.Ordinal), result.ToString());
        Assert.Equal("OK", StatementResult.Ok.ToString());
    }
}
