using Sluice.Core.Batches;
using Sluice.Core.Keys;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Windows;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;
using static Sluice.Sql.Physical.Tests.Windows.TimeRows;

namespace Sluice.Sql.Physical.Tests.Windows;

public sealed class SessionWindowAggregateOperatorTests
{
    private static readonly Schema Input = new(
    [
        new Field("k", DataTypes.String()),
        new Field("ts", DataTypes.Timestamp(3)),
        new Field("v", DataTypes.BigInt()),
        new Field("s", DataTypes.String()),
    ], rowTimeIndex: 1);

    private static readonly AggregateCall[] Calls =
    [
        new(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "cnt"),
        new(AggregateKind.Sum, 2, DataTypes.BigInt(), "total"),
        new(AggregateKind.FirstValue, 3, DataTypes.String(), "first_s"),
        new(AggregateKind.ListAgg, 3, DataTypes.String(), "all_s"),
    ];

    private static SessionWindowAggregateOperator NewOperator(bool processingTime = false) =>
        new(Input, [0], processingTime ? -1 : 1, TimeSpan.FromMilliseconds(10), Calls, processingTime);

    [Fact]
    public void OutputSchema_IsKeysWindowColumnsThenAggregates()
    {
        var schema = NewOperator().OutputSchema;
        Assert.Equal(["k", "window_start", "window_end", "window_time", "cnt", "total", "first_s", "all_s"], schema.Fields.Select(f => f.Name));
        Assert.Equal(3, schema.RowTimeIndex);
    }

    [Fact]
    public void Sessions_MergeWhenARowBridgesThem_AndKeepArrivalOrderAcrossTheMerge()
    {
        using var harness = new OperatorHarness(NewOperator());
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(0), 1L, "x"), R("+I", "a", Ms(30), 2L, "y"), R("+I", "b", Ms(5), 7L, "z")));

        // a: [0, 10) and [30, 40). 15 opens [15, 25), which touches neither; 22 ([22, 32)) bridges [15, 25) and [30, 40).
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(15), 3L, "p"), R("+I", "a", Ms(22), 4L, "q")));
        harness.ProcessWatermark(9);
        Assert.Equal(["+I[a, 0, 10, 9, 1, 1, x, x]"], Rows(harness));
        harness.ClearOutput();

        // 10 would touch [0, 10) but that session fired: 10 opens [10, 20), which merges with [15, 40) into [10, 40).
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(10), 5L, "r")));
        harness.EndInput();
        Assert.Equal(["+I[a, 10, 40, 39, 4, 14, y, y,p,q,r]", "+I[b, 5, 15, 14, 1, 7, z, z]"], Rows(harness).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TouchingWindows_Merge_AsFlinksTimeWindowIntersects()
    {
        using var harness = new OperatorHarness(NewOperator());
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(0), 1L, "x"), R("+I", "a", Ms(10), 2L, "y"), R("+I", "a", Ms(21), 3L, "z")));
        harness.EndInput();
        Assert.Equal(["+I[a, 0, 20, 19, 2, 3, x, x,y]", "+I[a, 21, 31, 30, 1, 3, z, z]"], Rows(harness));
    }

    [Fact]
    public void LateRows_AreDropped_UnlessTheyJoinASessionThatIsStillOpen()
    {
        var op = NewOperator();
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(20), 1L, "x")));
        harness.ProcessWatermark(15);

        // 3 alone ([3, 13)) ended before the watermark: late. 12 ([12, 22)) merges into [12, 30), which is open.
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(3), 2L, "late"), R("+I", "a", Ms(12), 4L, "y"), R("+I", "a", null, 8L, "no time")));
        harness.EndInput();
        Assert.Equal(["+I[a, 12, 30, 29, 2, 5, x, x,y]"], Rows(harness));
        Assert.Equal(2, op.LateRowsDropped);
    }

    [Fact]
    public void UpdatingInput_IsRejected()
    {
        using var harness = new OperatorHarness(NewOperator());
        Assert.ThrowsAny<Exception>(() => harness.ProcessBatch(Batch(Input, R("-D", "a", Ms(1), 1L, "x"))));
    }

    [Fact]
    public void ProcessingTime_SessionsCloseAfterTheGapWithoutRows()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddMilliseconds(100));
        using var harness = new OperatorHarness(NewOperator(processingTime: true), timeProvider: clock);
        harness.ProcessBatch(Batch(Input, R("+I", "a", null, 1L, "x")));
        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(5));
        harness.ProcessBatch(Batch(Input, R("+I", "a", null, 2L, "y")));
        // Rows at 100 and 105: the session [100, 115) fires at 114.
        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(8));
        Assert.Empty(Rows(harness));
        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["+I[a, 100, 115, 114, 2, 3, x, x,y]"], Rows(harness));
    }

    [Fact]
    public void Snapshot_WithOpenSessionsAndTimers_RestoresAndContinuesLikeAnUninterruptedRun()
    {
        var steps = Script(new Random(23), 40);
        var expected = Run(steps, snapshotAfter: -1);
        var actual = Run(steps, snapshotAfter: 17);
        Assert.Equal(expected, actual);
        Assert.True(expected.Count > 5);
    }

    [Theory]
    [InlineData(3)]
    public void Snapshot_RestoresAtAnotherParallelism(int parallelism)
    {
        var keys = Enumerable.Range(0, 10).Select(i => $"key{i}").ToArray();
        OperatorSnapshot snapshot;
        using (var harness = new OperatorHarness(NewOperator()))
        {
            harness.ProcessBatch(Batch(Input, keys.Select((k, i) => R("+I", k, Ms(i), 1L, "a")).ToArray()));
            snapshot = harness.Snapshot(1);
        }

        var output = new List<string>();
        var selector = new RecordBatchKeySelector([0]);
        for (var subtask = 0; subtask < parallelism; subtask++)
        {
            using var harness = new OperatorHarness(NewOperator(), parallelism, subtask, restoreFrom: [snapshot]);
            var mine = keys.Where(k => SubtaskOf(selector, k, parallelism) == subtask).ToArray();
            if (mine.Length > 0)
            {
                harness.ProcessBatch(Batch(Input, mine.Select(k => R("+I", k, Ms(12), 2L, "b")).ToArray()));
            }

            harness.EndInput();
            output.AddRange(Rows(harness));
        }

        // Key i: a row at i and one at 12; they are one session when 12 <= i + 10.
        var expected = keys.SelectMany((k, i) => i >= 2
            ? [$"+I[{k}, {i}, 22, 21, 2, 3, a, a,b]"]
            : new[] { $"+I[{k}, {i}, {i + 10}, {i + 9}, 1, 1, a, a]", $"+I[{k}, 12, 22, 21, 1, 2, b, b]" });
        Assert.Equal(expected.Order(StringComparer.Ordinal), output.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void RandomInput_WithoutLateRows_MatchesALinqSessionization(int seed)
    {
        var steps = Script(new Random(seed), 80);
        var output = Run(steps, snapshotAfter: -1);
        var rows = steps.SelectMany(s => s.Rows).ToList();

        // Per key, in time order: a row starts a new session when its time is after the running session's end
        // (last time + gap); the values in each session are listed in arrival order.
        var expected = new List<string>();
        foreach (var byKey in rows.Select((r, i) => (r.K, r.T, r.V, r.S, Arrival: i)).GroupBy(r => r.K))
        {
            var sorted = byKey.OrderBy(r => r.T).ThenBy(r => r.Arrival).ToList();
            var session = new List<(string K, long T, long V, string S, int Arrival)>();
            void Close()
            {
                var start = session.Min(r => r.T);
                var end = session.Max(r => r.T) + 10;
                var ordered = session.OrderBy(r => r.Arrival).ToList();
                expected.Add($"+I[{byKey.Key}, {start}, {end}, {end - 1}, {session.Count}, {session.Sum(r => r.V)}, {ordered[0].S}, {string.Join(",", ordered.Select(r => r.S))}]");
                session.Clear();
            }

            foreach (var r in sorted)
            {
                if (session.Count > 0 && r.T > session.Max(x => x.T) + 10)
                {
                    Close();
                }

                session.Add(r);
            }

            Close();
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), output.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Batches of rows whose times are at most 8 ms behind the highest time so far, each followed by a watermark 10 ms behind
    /// it: no row is late, and no row could have joined a session that already fired.
    /// </summary>
    private static List<(List<(string K, long T, long V, string S)> Rows, long Watermark)> Script(Random random, int steps)
    {
        var script = new List<(List<(string K, long T, long V, string S)>, long)>();
        long highest = 0;
        for (var s = 0; s < steps; s++)
        {
            var rows = new List<(string K, long T, long V, string S)>();
            for (var r = random.Next(1, 5); r > 0; r--)
            {
                var t = highest + random.Next(-8, random.Next(2) == 0 ? 4 : 25);
                t = Math.Max(t, highest - 8);
                highest = Math.Max(highest, t);
                rows.Add(($"k{random.Next(3)}", t, random.Next(0, 10), ((char)('a' + random.Next(26))).ToString()));
            }

            script.Add((rows, highest - 10));
        }

        return script;
    }

    private static List<string> Run(List<(List<(string K, long T, long V, string S)> Rows, long Watermark)> steps, int snapshotAfter)
    {
        var output = new List<string>();
        var harness = new OperatorHarness(NewOperator());
        try
        {
            for (var i = 0; i < steps.Count; i++)
            {
                harness.ProcessBatch(Batch(Input, steps[i].Rows.Select(r => R("+I", r.K, Ms(r.T), r.V, r.S)).ToArray()));
                harness.ProcessWatermark(steps[i].Watermark);
                if (i == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(Rows(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(NewOperator(), restoreFrom: [snapshot]);
                    harness.ProcessWatermark(steps[i].Watermark);
                }
            }

            harness.EndInput();
            output.AddRange(Rows(harness));
            Assert.Equal(0, ((SessionWindowAggregateOperator)harness.Operator).LateRowsDropped);
            return output;
        }
        finally
        {
            harness.Dispose();
        }
    }

    private static int SubtaskOf(RecordBatchKeySelector selector, string key, int parallelism)
    {
        using var batch = Batch(Input, R("+I", key, 0L, 0L, "x"));
        Span<int> hash = stackalloc int[1];
        selector.ComputeKeyHashes(batch, hash);
        return KeyGroups.SubtaskFor(KeyGroups.Assign(hash[0], KeyGroups.DefaultMaxParallelism), KeyGroups.DefaultMaxParallelism, parallelism);
    }
}
