using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.MatchRecognize.MatchTesting;

namespace Sluice.Sql.Physical.Tests.MatchRecognize;

/// <summary>Snapshot and restore in the middle of partial matches (and of rows waiting for the watermark), also at another parallelism.</summary>
public sealed class MatchRecognizeSnapshotTests
{
    private const string Clauses = "PARTITION BY k ORDER BY ts MEASURES FIRST(A.id) AS a, LAST(id) AS last, SUM(B.v) AS total, COUNT(*) AS n "
        + "AFTER MATCH SKIP TO NEXT ROW PATTERN (A B+? C) WITHIN INTERVAL '1' SECOND DEFINE A AS A.v < 3, B AS B.v >= 3 AND SUM(B.v) < 20, C AS C.v < 3";

    private static readonly string[] Keys = ["a", "b", "c", "d", "e", "f"];

    /// <summary>Batches of rows (times increasing per batch, out of order within one) and the watermark after each.</summary>
    private static List<((string K, long Id, long V, long Ms)[] Rows, long Watermark)> Script(int seed)
    {
        var random = new Random(seed);
        var steps = new List<((string, long, long, long)[], long)>();
        var id = 0L;
        for (var step = 0; step < 30; step++)
        {
            var baseTime = step * 100L + 1;
            var rows = Enumerable.Range(0, 8).Select(_ => (Keys[random.Next(Keys.Length)], id++, (long)random.Next(6), baseTime + random.Next(90))).ToArray();
            steps.Add((rows, baseTime + 95));
        }

        return steps;
    }

    private static List<string> Run(int seed, int snapshotAfter, int restoreParallelism)
    {
        var steps = Script(seed);
        var output = new List<string>();
        OperatorSnapshot? snapshot = null;
        using (var harness = new OperatorHarness(Create(Clauses)))
        {
            for (var i = 0; i < steps.Count; i++)
            {
                if (i == snapshotAfter)
                {
                    snapshot = harness.Snapshot(1);
                    break;
                }

                harness.ProcessBatch(Rows(steps[i].Rows));
                harness.ProcessWatermark(steps[i].Watermark);
            }

            if (snapshot is null)
            {
                harness.EndInput();
            }

            output.AddRange(Output(harness));
        }

        if (snapshot is null)
        {
            return output;
        }

        for (var subtask = 0; subtask < restoreParallelism; subtask++)
        {
            using var harness = new OperatorHarness(Create(Clauses), restoreParallelism, subtask, restoreFrom: [snapshot]);
            harness.ProcessWatermark(steps[snapshotAfter - 1].Watermark);
            for (var i = snapshotAfter; i < steps.Count; i++)
            {
                var mine = steps[i].Rows.Where(r => SubtaskOf(r.K, restoreParallelism) == subtask).ToArray();
                if (mine.Length > 0)
                {
                    harness.ProcessBatch(Rows(mine));
                }

                harness.ProcessWatermark(steps[i].Watermark);
            }

            harness.EndInput();
            output.AddRange(Output(harness));
        }

        return output;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 3)]
    [InlineData(2, 1)]
    [InlineData(2, 2)]
    public void SnapshotInTheMiddle_RestoresAndContinuesLikeAnUninterruptedRun(int seed, int restoreParallelism)
    {
        var expected = Run(seed, snapshotAfter: -1, restoreParallelism: 1);
        Assert.True(expected.Count > 10, $"only {expected.Count} matches");
        foreach (var snapshotAfter in new[] { 7, 16 })
        {
            var actual = Run(seed, snapshotAfter, restoreParallelism);
            Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void SnapshotWithRowsWaitingForTheWatermark_KeepsThem()
    {
        const string clauses = "PARTITION BY k ORDER BY ts MEASURES A.id AS a, B.id AS b PATTERN (A B) DEFINE A AS A.v = 1, B AS B.v = 2";
        OperatorSnapshot snapshot;
        using (var harness = new OperatorHarness(Create(clauses)))
        {
            harness.ProcessBatch(Rows(("k", 1, 1, 10)));
            harness.ProcessWatermark(10);
            harness.ProcessBatch(Rows(("k", 2, 2, 20)));
            snapshot = harness.Snapshot(1);
            Assert.Empty(Output(harness));
        }

        using var restored = new OperatorHarness(Create(clauses), restoreFrom: [snapshot]);
        restored.ProcessWatermark(10);
        restored.EndInput();
        Assert.Equal(["+I[k, 1, 2]"], Output(restored));
    }
}
