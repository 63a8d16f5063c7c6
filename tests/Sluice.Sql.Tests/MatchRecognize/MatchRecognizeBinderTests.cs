using Sluice.Sql.Catalog;
using Sluice.Sql.Planning;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.MatchRecognize;

/// <summary>MATCH_RECOGNIZE binding: output schema, slots, the plan text and positioned errors (Flink's restrictions).</summary>
public class MatchRecognizeBinderTests
{
    private static string Query(string define = "DEFINE A AS A.i > 0, B AS B.i < A.i", string pattern = "PATTERN (A B+? C)",
        string measures = "MEASURES FIRST(A.i) AS firstI", string order = "ORDER BY ts", string extra = "") =>
        $"SELECT * FROM T MATCH_RECOGNIZE (PARTITION BY s {order} {measures} {extra} {pattern} {define}) AS M";

    [Fact]
    public void Output_IsPartitionColumnsThenMeasures()
    {
        var schema = Schema(Query(measures:
            "MEASURES FIRST(A.i) AS firstI, LAST(B.bi, 1) AS lastBi, AVG(B.i) AS avgI, COUNT(*) AS n, MATCH_ROWTIME() AS mt, MATCH_PROCTIME() AS mp, CLASSIFIER() AS c"));
        Assert.Equal(["s", "firstI", "lastBi", "avgI", "n", "mt", "mp", "c"], schema.Names);
        Assert.Equal("INT", schema[1].Type.ToString());
        Assert.Equal("BIGINT", schema[2].Type.ToString());
        Assert.Equal(TimeAttribute.RowTime, schema[5].TimeAttribute);
        Assert.Equal("TIMESTAMP(3) NOT NULL", schema[5].Type.ToString());
        Assert.Equal(TimeAttribute.ProcTime, schema[6].TimeAttribute);
        Assert.Equal(TimeAttribute.None, schema[0].TimeAttribute);
    }

    [Fact]
    public void Navigations_BecomeSlotsOverTheInput()
    {
        var plan = Assert.IsType<Sluice.Sql.Planning.MatchRecognize>(Bind(Query(
            define: "DEFINE A AS LAST(A.i * A.bi, 1) > 0 AND PREV(A.i, 2) IS NULL, B AS SUM(B.i * 2) < 10 AND i > 0",
            measures: "MEASURES FIRST(A.i) AS f")).Inputs[0]);
        var slots = plan.Slots.Select((_, i) => plan.FormatSlot(i, plan.Input.Schema)).ToList();
        Assert.Equal(["LAST(A.i, 1)", "LAST(A.bi, 1)", "PREV(A.i, 2)", "SUM(B.i * 2)", "i", "FIRST(A.i, 0)"], slots);
        Assert.Equal(["A", "B", "C"], plan.Variables);
        Assert.Null(plan.Definitions[2]);
    }

    [Fact]
    public void Explain_ShowsPartitionOrderMeasuresPatternAndDefine()
    {
        var plan = Bind(Query(extra: "AFTER MATCH SKIP TO LAST B", pattern: "PATTERN (A B+? C) WITHIN INTERVAL '1' MINUTE"));
        Assert.Equal(
            "Match(partition=[s], order=[ts ASC], measures=[FIRST(A.i, 0) AS firstI], skip=[TO LAST B], pattern=[A B+? C], within=[60000 ms], "
            + "define=[A AS A.i > 0, B AS B.i < A.i])",
            plan.Inputs[0].ExplainNode(PlanSchema.Empty));
    }

    [Fact]
    public void Subsets_NameUnionsOfVariables()
    {
        var plan = Assert.IsType<Sluice.Sql.Planning.MatchRecognize>(Bind(Query(extra: "", pattern: "PATTERN (A B+? C) SUBSET AB = (A, B)",
            measures: "MEASURES LAST(AB.i) AS lastAb, SUM(AB.i) AS sumAb")).Inputs[0]);
        Assert.Equal([0, 1], plan.Slots[^1].Variables);
        Assert.Equal("SUM({A,B}.i)", plan.FormatSlot(plan.Slots.Count - 1, plan.Input.Schema));
    }

    [Theory]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (PATTERN (A B) DEFINE A AS TRUE)",
        "line 1, column 15: MATCH_RECOGNIZE needs an ORDER BY whose first key is a time attribute in ascending order (as in Flink)")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY i PATTERN (A B) DEFINE A AS TRUE)",
        "line 1, column 43: The first ORDER BY key of MATCH_RECOGNIZE must be a time attribute (a rowtime or processing-time column) in ascending order")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY ts DESC PATTERN (A B) DEFINE A AS TRUE)",
        "line 1, column 43: The first ORDER BY key of MATCH_RECOGNIZE must be a time attribute (a rowtime or processing-time column) in ascending order")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (PARTITION BY i + 1 ORDER BY ts PATTERN (A B) DEFINE A AS TRUE)",
        "line 1, column 47: PARTITION BY of MATCH_RECOGNIZE takes columns of its input, not the expression 'i + 1'")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B) DEFINE X AS TRUE)",
        "line 1, column 67: The DEFINE variable 'X' does not occur in the PATTERN")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B) DEFINE A AS i)",
        "line 1, column 72: The DEFINE condition of 'A' must be a BOOLEAN, not INT")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY ts PATTERN (A* B?) DEFINE A AS TRUE)",
        "line 1, column 55: Patterns that can produce empty matches are not supported (as in Flink); there must be at least one non-optional variable")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B+) DEFINE A AS TRUE)",
        "line 1, column 57: Greedy quantifiers are not allowed as the last element of a pattern (as in Flink); finish the pattern with a variable or a reluctant quantifier")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B) DEFINE A AS NEXT(A.i) > 1)",
        "line 1, column 72: NEXT is not supported in MATCH_RECOGNIZE (as in Flink); use PREV, FIRST or LAST")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B) DEFINE A AS LAST(A.i + B.i) > 1)",
        "line 1, column 83: A navigation or aggregate in MATCH_RECOGNIZE must reference columns of a single pattern variable")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B) DEFINE A AS AVG(A.i * B.bi) > 1)",
        "line 1, column 82: A navigation or aggregate in MATCH_RECOGNIZE must reference columns of a single pattern variable")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B) DEFINE A AS COUNT(DISTINCT A.i) > 1)",
        "line 1, column 72: DISTINCT aggregations are not supported in MATCH_RECOGNIZE (as in Flink)")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B) DEFINE A AS MATCH_ROWTIME() IS NULL)",
        "line 1, column 72: MATCH_ROWTIME() is supported only in MEASURES of MATCH_RECOGNIZE, outside navigations and aggregates")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B) DEFINE A AS X.i > 0)",
        "line 1, column 72: 'X' is not a pattern variable or SUBSET of this MATCH_RECOGNIZE")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B) DEFINE A AS A.nope > 0)",
        "line 1, column 74: Column 'nope' not found in the input of MATCH_RECOGNIZE")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY ts AFTER MATCH SKIP TO LAST X PATTERN (A B) DEFINE A AS TRUE)",
        "line 1, column 71: 'X' is not a variable of the PATTERN")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B) WITHIN INTERVAL '1' MONTH DEFINE A AS TRUE)",
        "line 1, column 67: WITHIN takes a positive day-time interval, for example INTERVAL '10' MINUTE")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B) DEFINE A AS LAST(A.i, x) > 0)",
        "line 1, column 82: The offset of LAST must be a non-negative integer literal")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B) DEFINE A AS A.i IN (SELECT 1))",
        "line 1, column 72: subqueries are not supported in DEFINE and MEASURES of MATCH_RECOGNIZE")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (PARTITION BY s ORDER BY ts MEASURES A.i AS s PATTERN (A B) DEFINE A AS TRUE)",
        "line 1, column 77: The MATCH_RECOGNIZE output has two columns named 's' (the PARTITION BY columns come first)")]
    [InlineData("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY pt MEASURES MATCH_ROWTIME() AS r PATTERN (A B) DEFINE A AS TRUE)",
        "line 1, column 55: MATCH_ROWTIME needs MATCH_RECOGNIZE ordered by a rowtime attribute")]
    public void Invalid_FailsAtThePosition(string sql, string message) => BindFails(sql, message);

    [Fact]
    public void CountOfAVariable_CountsItsRows()
    {
        var plan = Assert.IsType<Sluice.Sql.Planning.MatchRecognize>(Bind(Query(measures: "MEASURES COUNT(B.*) AS bs, COUNT(*) AS n")).Inputs[0]);
        var aggregates = plan.Slots.Select((slot, i) => (slot, i)).Where(x => x.slot.Kind == MatchSlotKind.Aggregate)
            .Select(x => plan.FormatSlot(x.i, plan.Input.Schema));
        Assert.Equal(["COUNT(B.*)", "COUNT(*)"], aggregates);
    }

    [Fact]
    public void ProcessingTime_OrderIsAccepted()
    {
        var schema = Schema("SELECT * FROM T MATCH_RECOGNIZE (ORDER BY pt MEASURES A.i AS a, MATCH_PROCTIME() AS p PATTERN (A B) DEFINE B AS B.i > A.i)");
        Assert.Equal(["a", "p"], schema.Names);
    }

    [Fact]
    public void OptimizedPlan_KeepsTheMatchNodeValid()
    {
        var plan = Plan("SELECT firstI FROM T MATCH_RECOGNIZE (PARTITION BY s ORDER BY ts MEASURES FIRST(A.i) AS firstI PATTERN (A B) DEFINE B AS B.i > A.i + 1 + 1)");
        Assert.Contains("Match(partition=[s]", plan.Explain(), StringComparison.Ordinal);
    }
}
