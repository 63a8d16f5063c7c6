using Sluice.Core.Errors;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.MatchRecognize.MatchTesting;

namespace Sluice.Sql.Physical.Tests.MatchRecognize;

/// <summary>The MATCH_RECOGNIZE operator: order, late rows, partitions, preferences, skip errors, WITHIN, processing time.</summary>
public sealed class MatchRecognizeOperatorTests
{
    private const string AThenB = "PARTITION BY k ORDER BY ts MEASURES FIRST(A.id) AS a, B.id AS b PATTERN (A B) DEFINE A AS A.v = 1, B AS B.v = 2";

    [Fact]
    public void EventTime_OutOfOrderRowsAreMatchedInTimeOrder_AndLateRowsAreDropped()
    {
        var op = Create(AThenB);
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Rows(("x", 2, 2, 20), ("x", 1, 1, 10)));
        Assert.Empty(Output(harness));
        harness.ProcessWatermark(25);
        Assert.Equal(["+I[x, 1, 2]"], Output(harness));
        Assert.Equal([25L], harness.OutputWatermarks);
        harness.ClearOutput();

        // At or below the watermark: late, so it cannot become the A of the B at 40.
        harness.ProcessBatch(Rows(("x", 3, 1, 25), ("x", 5, 2, 40), ("x", 4, 1, 30)));
        harness.EndInput();
        Assert.Equal(["+I[x, 4, 5]"], Output(harness));
        Assert.Equal(1, op.LateRowsDropped);
    }

    [Fact]
    public void Partitions_AreMatchedIndependently()
    {
        var output = Run(AThenB, ("x", 1, 1, 10), ("y", 2, 1, 11), ("x", 3, 2, 12), ("y", 4, 3, 13), ("y", 5, 1, 14), ("y", 6, 2, 15));
        Assert.Equal(["+I[x, 1, 3]", "+I[y, 5, 6]"], output);
    }

    [Theory]
    [InlineData("(A | B)", "+I[k, 2, null]")]
    [InlineData("(B | A)", "+I[k, null, 2]")]
    public void Alternation_PrefersTheEarlierAlternative(string alternation, string expected)
    {
        var output = Run($"PARTITION BY k ORDER BY ts MEASURES LAST(A.id) AS viaA, LAST(B.id) AS viaB PATTERN (X {alternation} Y) "
            + "DEFINE X AS X.v = 0, A AS A.v > 0, B AS B.v > 0, Y AS Y.v = 0",
            ("k", 1, 0, 1), ("k", 2, 5, 2), ("k", 3, 0, 3));
        Assert.Equal([expected], output);
    }

    [Theory]
    [InlineData("B+", "+I[k, 1, 5, 3]")]
    [InlineData("B+?", "+I[k, 1, 3, 1]")]
    [InlineData("B{2,3}", "+I[k, 1, 5, 3]")]
    [InlineData("B{2,3}?", "+I[k, 1, 4, 2]")]
    [InlineData("B?", "+I[k, 1, 3, 1]")]
    [InlineData("B??", "+I[k, 1, 2, 0]")]
    public void GreedyAndReluctant_TakeAsManyOrAsFewRowsAsTheMatchAllows(string quantified, string expected)
    {
        // Rows 2..5 are each a B and also a C: greedy B takes as many as it may (C must follow), reluctant as few.
        var output = Run($"PARTITION BY k ORDER BY ts MEASURES FIRST(id) AS first, LAST(id) AS last, COUNT(B.id) AS bs PATTERN (A {quantified} C) "
            + "DEFINE A AS A.id = 1, B AS B.v = 1, C AS C.v = 1",
            ("k", 1, 1, 1), ("k", 2, 1, 2), ("k", 3, 1, 3), ("k", 4, 1, 4), ("k", 5, 1, 5), ("k", 6, 0, 6));
        Assert.Equal([expected], output);
    }

    [Fact]
    public void Navigation_PrevFirstLastAndAggregates_SeeTheRowsOfTheMatchSoFar()
    {
        // Rising values: each B above the row before it (PREV), and the average of the B rows below 10.
        var output = Run("PARTITION BY k ORDER BY ts MEASURES FIRST(B.v) AS lo, LAST(B.v) AS hi, LAST(B.v, 1) AS beforeHi, SUM(B.v) AS total, "
            + "AVG(B.v) AS mean, CLASSIFIER() AS c PATTERN (A B+? C) DEFINE A AS A.v = 0, B AS B.v > PREV(B.v) AND AVG(B.v) < 10, C AS C.v = 0",
            ("k", 1, 0, 1), ("k", 2, 3, 2), ("k", 3, 5, 3), ("k", 4, 30, 4), ("k", 5, 0, 5),
            ("k", 6, 0, 6), ("k", 7, 4, 7), ("k", 8, 6, 8), ("k", 9, 0, 9));

        // From 1: 3 and 5 rise, but 30 lifts the average to 12.67 and is no C: no match. From 5: 0 is no rise (B needs one row
        // at least). From 6: 4 and 6 rise (averages 4 and 5), then C.
        Assert.Equal(["+I[k, 4, 6, 4, 10, 5, C]"], output);
    }

    [Fact]
    public void SkipToFirst_AtTheFirstRowOfTheMatch_FailsAsInFlink()
    {
        var error = Assert.IsType<SluiceException>(Assert.Throws<TaskFailureException>(() => Run(
            "PARTITION BY k ORDER BY ts MEASURES A.id AS a AFTER MATCH SKIP TO FIRST A PATTERN (A B) DEFINE A AS A.v = 1, B AS B.v = 2",
            ("k", 1, 1, 1), ("k", 2, 2, 2))).InnerException);
        Assert.Equal(ErrorDomain.User, error.Domain);
        Assert.Contains("AFTER MATCH SKIP TO FIRST A would start the next match at the first row of this match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SkipToLast_OfAVariableWithoutRows_Fails()
    {
        var error = Assert.IsType<SluiceException>(Assert.Throws<TaskFailureException>(() => Run(
            "PARTITION BY k ORDER BY ts MEASURES A.id AS a AFTER MATCH SKIP TO LAST B PATTERN (A B? C) DEFINE A AS A.v = 1, B AS B.v = 2, C AS C.v = 3",
            ("k", 1, 1, 1), ("k", 2, 3, 2))).InnerException);
        Assert.Contains("the match has no row mapped to B", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_DropsPartialMatchesOlderThanTheInterval_AndFreesTheirRows()
    {
        const string clauses = "PARTITION BY k ORDER BY ts MEASURES A.id AS a, C.id AS c PATTERN (A B*? C) WITHIN INTERVAL '10' SECOND "
            + "DEFINE A AS A.v = 1, B AS B.v = 2, C AS C.v = 3";
        var op = Create(clauses);
        using var harness = new OperatorHarness(op);

        // 0 -> 11 s is longer than 10 s; 20 -> 30 s is exactly 10 s (a match, as on Flink's page).
        harness.ProcessBatch(Rows(("k", 1, 1, 0), ("k", 2, 2, 5_000), ("k", 3, 3, 11_000), ("k", 4, 1, 20_000), ("k", 5, 3, 30_000)));
        harness.ProcessWatermark(40_000);
        Assert.Equal(["+I[k, 4, 5]"], Output(harness));
        Assert.Equal(0, op.BufferedRows);

        // A partial match alone keeps its rows until the interval has passed.
        harness.ProcessBatch(Rows(("k", 6, 1, 50_000), ("k", 7, 2, 51_000)));
        harness.ProcessWatermark(55_000);
        Assert.Equal(2, op.BufferedRows);
        harness.ProcessWatermark(61_000);
        Assert.Equal(0, op.BufferedRows);
    }

    [Fact]
    public void RowsNoPartialMatchRefersTo_AreFreedAfterEachStep()
    {
        var op = Create(AThenB);
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Rows(("k", 1, 3, 1), ("k", 2, 3, 2), ("k", 3, 1, 3)));
        harness.ProcessWatermark(10);
        Assert.Equal(1, op.BufferedRows);
        harness.ProcessBatch(Rows(("k", 4, 2, 11)));
        harness.ProcessWatermark(20);
        Assert.Equal(0, op.BufferedRows);
        Assert.Equal(["+I[k, 3, 4]"], Output(harness));
    }

    [Fact]
    public void ProcessingTime_MatchesInArrivalOrder()
    {
        var schema = InputOf("P");
        using var harness = new OperatorHarness(Create(
            "PARTITION BY k ORDER BY pt MEASURES A.id AS a, B.id AS b, MATCH_PROCTIME() AS t PATTERN (A B) DEFINE A AS A.v = 1, B AS B.v = 2", "P"));
        harness.Time.Advance(TimeSpan.FromMilliseconds(5000));
        harness.ProcessBatch(Operators.Changelog.Batch(schema, Operators.Changelog.R("+I", "k", 2L, 2L, null), Operators.Changelog.R("+I", "k", 1L, 1L, null)));
        harness.ProcessBatch(Operators.Changelog.Batch(schema, Operators.Changelog.R("+I", "k", 3L, 2L, null)));
        var now = harness.Time.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal([$"+I[k, 1, 3, {now}]"], Output(harness));
    }
}
