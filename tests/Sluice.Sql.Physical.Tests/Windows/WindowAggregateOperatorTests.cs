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

public sealed class WindowAggregateOperatorTests
{
    private static readonly Schema Input = new(
    [
        new Field("k", DataTypes.String()),
        new Field("ts", DataTypes.Timestamp(3)),
        new Field("v", DataTypes.BigInt()),
    ], rowTimeIndex: 1);

    private static readonly AggregateCall[] Calls =
    [
        new(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "cnt"),
        new(AggregateKind.Sum, 2, DataTypes.BigInt(), "total"),
        new(AggregateKind.Max, 2, DataTypes.BigInt(), "top"),
    ];

    private static WindowAggregateOperator NewAggregate(Schema assigned, bool processingTime = false) =>
        new(assigned, [0], assigned.IndexOf("window_start"), assigned.IndexOf("window_end"), Calls, processingTime);

    private static WindowPipeline Pipeline(WindowSpec window, ManualTimeProvider? clock = null, bool processingTime = false,
        IReadOnlyList<OperatorSnapshot>? restoreFrom = null, int parallelism = 1, int subtask = 0) =>
        new(Input, window, s => NewAggregate(s, processingTime), clock, processingTime, restoreFrom, parallelism, subtask);

    private static WindowSpec Tumble10 => WindowSpec.Tumble(TimeSpan.FromMilliseconds(10));

    [Fact]
    public void OutputSchema_IsKeysWindowColumnsThenAggregates_WithWindowTimeAsRowTime()
    {
        using var pipeline = Pipeline(Tumble10);
        var schema = ((WindowAggregateOperator)pipeline.Aggregation.Operator).OutputSchema;
        Assert.Equal(["k", "window_start", "window_end", "window_time", "cnt", "total", "top"], schema.Fields.Select(f => f.Name));
        Assert.Equal(3, schema.RowTimeIndex);
        Assert.Equal(DataTypes.Timestamp(3).NotNull(), schema[3].DataType);
    }

    [Fact]
    public void TimestampLtz_FiresAtTheInstantOfTheLocalWindowEnd()
    {
        // Asia/Kolkata is UTC+05:30: the row at 04:45 UTC is in [10:00, 11:00) local, which ends at 05:30 UTC (19,800,000 ms).
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var input = new Schema([new Field("k", DataTypes.String()), new Field("ts", DataTypes.TimestampLtz(3)), new Field("v", DataTypes.BigInt())], rowTimeIndex: 1);
        var assign = new WindowAssignOperator(input, WindowSpec.Tumble(TimeSpan.FromHours(1)), timeColumn: 1, localTimeZone: zone);
        var assigned = assign.OutputSchema;
        using var assignHarness = new OperatorHarness(assign);
        using var harness = new OperatorHarness(new WindowAggregateOperator(assigned, [0], assigned.IndexOf("window_start"), assigned.IndexOf("window_end"),
            Calls, windowTimeType: assigned[assigned.IndexOf("window_time")].DataType, localTimeZone: zone));
        assignHarness.ProcessBatch(Batch(input, R("+I", "a", Ms(17_100_000), 4L)));
        foreach (var batch in assignHarness.OutputBatches.Cast<RecordBatch>())
        {
            harness.ProcessBatch(batch.Gather(Enumerable.Range(0, batch.RowCount).ToArray()));
        }

        harness.ProcessWatermark(19_799_998);
        Assert.Empty(Rows(harness));
        harness.ProcessWatermark(19_799_999);
        Assert.Equal(["+I[a, 36000000, 39600000, 19799999, 1, 4, 4]"], Rows(harness));
    }

    [Fact]
    public void Tumble_EventTime_FiresWhenTheWatermarkReachesTheWindowEnd_AndDropsLateRows()
    {
        using var pipeline = Pipeline(Tumble10);
        var harness = pipeline.Aggregation;
        pipeline.Push(Batch(Input, R("+I", "a", Ms(3), 1L), R("+I", "a", Ms(7), 2L), R("+I", "b", Ms(12), 5L)));
        pipeline.Push(Batch(Input, R("+I", "a", Ms(1), 3L)));
        pipeline.Watermark(8);
        Assert.Empty(Rows(harness));
        Assert.Equal([8L], harness.OutputWatermarks);

        // The watermark 9 = window_end - 1 of [0, 10): a's three rows, out of order, fire before 9 is forwarded.
        pipeline.Watermark(9);
        Assert.Equal(["+I[a, 0, 10, 9, 3, 6, 3]"], Rows(harness));
        Assert.Equal([8L, 9L], harness.OutputWatermarks);
        harness.ClearOutput();

        // [0, 10) has fired: a row for it is late. [10, 20) is still open.
        pipeline.Push(Batch(Input, R("+I", "a", Ms(5), 100L), R("+I", "a", Ms(15), 4L)));
        Assert.Equal(1, ((WindowAggregateOperator)harness.Operator).LateRowsDropped);
        harness.EndInput();
        Assert.Equal(["+I[a, 10, 20, 19, 1, 4, 4]", "+I[b, 10, 20, 19, 1, 5, 5]"], Rows(harness).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Hop_AccumulatesARowInEveryWindowItBelongsTo()
    {
        using var pipeline = Pipeline(WindowSpec.Hop(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10)));
        pipeline.Push(Batch(Input, R("+I", "a", Ms(3), 1L), R("+I", "a", Ms(7), 2L), R("+I", "a", Ms(12), 4L)));
        pipeline.Aggregation.EndInput();

        // 3 ∈ [-5, 5), [0, 10); 7 ∈ [0, 10), [5, 15); 12 ∈ [5, 15), [10, 20). Timers fire in time order.
        Assert.Equal(
        [
            "+I[a, -5, 5, 4, 1, 1, 1]", "+I[a, 0, 10, 9, 2, 3, 2]", "+I[a, 5, 15, 14, 2, 6, 4]", "+I[a, 10, 20, 19, 1, 4, 4]",
        ], Rows(pipeline.Aggregation));
    }

    [Fact]
    public void Cumulate_FiresEachGrowingWindowAtItsOwnEnd()
    {
        using var pipeline = Pipeline(WindowSpec.Cumulate(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(15)));
        var harness = pipeline.Aggregation;
        pipeline.Push(Batch(Input, R("+I", "a", Ms(2), 1L), R("+I", "a", Ms(12), 4L)));
        pipeline.Watermark(4);
        Assert.Equal(["+I[a, 0, 5, 4, 1, 1, 1]"], Rows(harness));
        harness.ClearOutput();

        // 6 is after [0, 5) fired but within [0, 10) and [0, 15): not late.
        pipeline.Push(Batch(Input, R("+I", "a", Ms(6), 2L)));
        harness.EndInput();
        Assert.Equal(["+I[a, 0, 10, 9, 2, 3, 2]", "+I[a, 0, 15, 14, 3, 7, 4]"], Rows(harness));
        Assert.Equal(0, ((WindowAggregateOperator)harness.Operator).LateRowsDropped);
    }

    [Fact]
    public void ChangelogInput_RetractsFromOpenWindows()
    {
        using var pipeline = Pipeline(Tumble10);
        pipeline.Push(Batch(Input, R("+I", "a", Ms(1), 5L), R("+I", "a", Ms(2), 9L), R("-D", "a", Ms(2), 9L), R("-D", "b", Ms(3), 1L)));
        pipeline.Aggregation.EndInput();

        // b's window only saw a retraction: ignored, nothing emitted.
        Assert.Equal(["+I[a, 0, 10, 9, 1, 5, 5]"], Rows(pipeline.Aggregation));
    }

    [Fact]
    public void ChangelogInput_RetractionsBetweenAdditionsOfTheSameWindowsInOneBatch_CountEveryChange()
    {
        // The operator keeps the last windows a batch added to at hand; retractions in between change the same accumulators.
        using var pipeline = Pipeline(Tumble10);
        pipeline.Push(Batch(Input,
            R("+I", "a", Ms(1), 5L), R("+I", "b", Ms(5), 7L), R("+I", "a", Ms(2), 9L), R("-D", "a", Ms(2), 9L),
            R("+I", "b", Ms(15), 2L), R("+I", "a", Ms(3), 4L), R("-D", "a", Ms(1), 5L), R("+I", "b", Ms(6), 3L),
            R("+I", "a", Ms(4), 1L)));
        pipeline.Aggregation.EndInput();

        // a [0, 10): 4 and 1 remain; b [0, 10): 7 and 3; b [10, 20): 2.
        Assert.Equal(
            ["+I[a, 0, 10, 9, 2, 5, 4]", "+I[b, 0, 10, 9, 2, 10, 7]", "+I[b, 10, 20, 19, 1, 2, 2]"],
            Rows(pipeline.Aggregation).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ProcessingTime_FiresByProcessingTimeTimers()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddMilliseconds(1005));
        using var pipeline = Pipeline(Tumble10, clock, processingTime: true);
        var harness = pipeline.Aggregation;
        pipeline.Push(Batch(Input, R("+I", "a", null, 1L), R("+I", "a", null, 2L)));
        clock.Advance(TimeSpan.FromMilliseconds(3));
        pipeline.Push(Batch(Input, R("+I", "a", null, 3L)));
        pipeline.Aggregation.AdvanceProcessingTime(TimeSpan.Zero);
        Assert.Empty(Rows(harness));

        // Now 1008; the window [1000, 1010) fires at 1009.
        clock.Advance(TimeSpan.FromMilliseconds(1));
        harness.AdvanceProcessingTime(TimeSpan.Zero);
        Assert.Equal(["+I[a, 1000, 1010, 1009, 3, 6, 3]"], Rows(harness));
        var schema = ((WindowAggregateOperator)harness.Operator).OutputSchema;
        Assert.Equal(-1, schema.RowTimeIndex);
        Assert.Equal(DataTypes.TimestampLtz(3).NotNull(), schema[3].DataType);
    }

    [Fact]
    public void Snapshot_WithOpenWindowsAndPendingTimers_RestoresAndContinuesLikeAnUninterruptedRun()
    {
        var steps = Script(new Random(17), 30, keys: 5);
        var expected = Run(steps, snapshotAfter: -1);
        var actual = Run(steps, snapshotAfter: 14);
        Assert.Equal(expected, actual);
        Assert.True(expected.Count > 10);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Snapshot_RestoresAtAnotherParallelism(int parallelism)
    {
        var window = WindowSpec.Hop(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10));
        var keys = Enumerable.Range(0, 12).Select(i => $"key{i}").ToArray();
        OperatorSnapshot snapshot;
        using (var pipeline = Pipeline(window))
        {
            pipeline.Push(Batch(Input, keys.Select((k, i) => R("+I", k, Ms(i % 10), 1L)).ToArray()));
            snapshot = pipeline.Aggregation.Snapshot(1);
        }

        var output = new List<string>();
        var selector = new RecordBatchKeySelector([0]);
        for (var subtask = 0; subtask < parallelism; subtask++)
        {
            using var pipeline = Pipeline(window, restoreFrom: [snapshot], parallelism: parallelism, subtask: subtask);
            var mine = keys.Where(k => SubtaskOf(selector, k, parallelism) == subtask).ToArray();
            if (mine.Length > 0)
            {
                pipeline.Push(Batch(Input, mine.Select(k => R("+I", k, Ms(9), 10L)).ToArray()));
            }

            pipeline.Aggregation.EndInput();
            output.AddRange(Rows(pipeline.Aggregation));
        }

        // Each key had one row at i mod 10 before the snapshot and one at 9 after it.
        var expected = keys.SelectMany((k, i) =>
        {
            var t = i % 10;
            var rows = new List<(long Start, long V)> { (t, 1L), (9, 10L) };
            return new long[] { -5, 0, 5 }.Select(start =>
            {
                var inside = rows.Where(r => start <= r.Start && r.Start < start + 10).ToList();
                return inside.Count == 0 ? null : $"+I[{k}, {start}, {start + 10}, {start + 9}, {inside.Count}, {inside.Sum(r => r.V)}, {inside.Max(r => r.V)}]";
            }).OfType<string>();
        });
        Assert.Equal(expected.Order(StringComparer.Ordinal), output.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void RandomInput_WithWatermarksAndLateRows_MatchesALinqReference(int seed, bool hop)
    {
        var window = hop ? WindowSpec.Hop(TimeSpan.FromMilliseconds(4), TimeSpan.FromMilliseconds(12)) : WindowSpec.Tumble(TimeSpan.FromMilliseconds(8));
        var steps = Script(new Random(seed), 60, keys: 4);
        using var pipeline = Pipeline(window);
        var included = new List<(string K, long Start, long End, long V)>();
        var late = 0;
        var watermark = long.MinValue;
        var windows = new List<(long Start, long End)>();
        foreach (var (rows, mark) in steps)
        {
            pipeline.Push(Batch(Input, rows.Select(r => R("+I", r.K, Ms(r.T), r.V)).ToArray()));
            foreach (var r in rows)
            {
                windows.Clear();
                window.AssignWindows(r.T, windows);
                foreach (var (start, end) in windows)
                {
                    if (end - 1 <= watermark)
                    {
                        late++;
                    }
                    else
                    {
                        included.Add((r.K, start, end, r.V));
                    }
                }
            }

            if (mark is { } w)
            {
                pipeline.Watermark(w);
                watermark = w;
            }
        }

        pipeline.Aggregation.EndInput();
        var expected = included.GroupBy(r => (r.K, r.Start, r.End))
            .Select(g => $"+I[{g.Key.K}, {g.Key.Start}, {g.Key.End}, {g.Key.End - 1}, {g.Count()}, {g.Sum(r => r.V)}, {g.Max(r => r.V)}]");
        Assert.Equal(expected.Order(StringComparer.Ordinal), Rows(pipeline.Aggregation).Order(StringComparer.Ordinal));
        Assert.Equal(late, ((WindowAggregateOperator)pipeline.Aggregation.Operator).LateRowsDropped);
        Assert.True(late > 0);
    }

    /// <summary>Batches of rows (key, time, value) with times drifting upward and jittering, each followed by an optional watermark.</summary>
    internal static List<(List<(string K, long T, long V)> Rows, long? Watermark)> Script(Random random, int steps, int keys)
    {
        var script = new List<(List<(string K, long T, long V)>, long?)>();
        long now = 0;
        for (var s = 0; s < steps; s++)
        {
            var rows = new List<(string K, long T, long V)>();
            for (var r = random.Next(1, 6); r > 0; r--)
            {
                now += random.Next(0, 3);
                rows.Add(($"k{random.Next(keys)}", now - random.Next(0, 12), random.Next(-20, 50)));
            }

            script.Add((rows, random.Next(3) == 0 ? now - random.Next(0, 6) : null));
        }

        // Watermarks must not go back.
        long highest = long.MinValue;
        for (var i = 0; i < script.Count; i++)
        {
            if (script[i].Item2 is { } w)
            {
                highest = Math.Max(highest, w);
                script[i] = (script[i].Item1, highest);
            }
        }

        return script;
    }

    private static List<string> Run(List<(List<(string K, long T, long V)> Rows, long? Watermark)> steps, int snapshotAfter)
    {
        var output = new List<string>();
        var pipeline = Pipeline(Tumble10);
        try
        {
            for (var i = 0; i < steps.Count; i++)
            {
                var (rows, mark) = steps[i];
                pipeline.Push(Batch(Input, rows.Select(r => R("+I", r.K, Ms(r.T), r.V)).ToArray()));
                if (mark is { } w)
                {
                    pipeline.Watermark(w);
                }

                if (i == snapshotAfter)
                {
                    var snapshot = pipeline.Aggregation.Snapshot(1);
                    output.AddRange(Rows(pipeline.Aggregation));
                    var watermark = pipeline.Aggregation.OutputWatermarks.Count > 0 ? pipeline.Aggregation.OutputWatermarks[^1] : (long?)null;
                    pipeline.Dispose();
                    pipeline = Pipeline(Tumble10, restoreFrom: [snapshot]);
                    if (watermark is { } restoredWatermark)
                    {
                        // A restored task starts without a watermark; the next one from upstream arrives before new data.
                        pipeline.Watermark(restoredWatermark);
                    }
                }
            }

            pipeline.Aggregation.EndInput();
            output.AddRange(Rows(pipeline.Aggregation));
            return output;
        }
        finally
        {
            pipeline.Dispose();
        }
    }

    private static int SubtaskOf(RecordBatchKeySelector selector, string key, int parallelism)
    {
        using var batch = Batch(Input, R("+I", key, 0L, 0L));
        Span<int> hash = stackalloc int[1];
        selector.ComputeKeyHashes(batch, hash);
        return KeyGroups.SubtaskFor(KeyGroups.Assign(hash[0], KeyGroups.DefaultMaxParallelism), KeyGroups.DefaultMaxParallelism, parallelism);
    }
}
