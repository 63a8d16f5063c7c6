using Sluice.Core.Batches;
using Sluice.Core.Keys;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Over;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;
using static Sluice.Sql.Physical.Tests.Windows.TimeRows;

namespace Sluice.Sql.Physical.Tests.Over;

public sealed class OverAggregateOperatorTests
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
        new(AggregateKind.Min, 2, DataTypes.BigInt(), "low"),
        new(AggregateKind.FirstValue, 2, DataTypes.BigInt(), "first_v"),
        new(AggregateKind.LastValue, 2, DataTypes.BigInt(), "last_v"),
    ];

    private static OverAggregateOperator NewOperator(OverFrame frame, bool processingTime = false) =>
        new(Input, [0], processingTime ? -1 : 1, frame, Calls, processingTime);

    private static List<string> RunEventTime(OverFrame frame, params (string, object?[])[] rows)
    {
        using var harness = new OperatorHarness(NewOperator(frame));
        harness.ProcessBatch(Batch(Input, rows));
        harness.EndInput();
        return Rows(harness);
    }

    [Fact]
    public void OutputSchema_IsTheInputThenOneColumnPerCall_KeepingTheRowTime()
    {
        var schema = NewOperator(OverFrame.RowsUnbounded()).OutputSchema;
        Assert.Equal(["k", "ts", "v", "cnt", "total", "low", "first_v", "last_v"], schema.Fields.Select(f => f.Name));
        Assert.Equal(1, schema.RowTimeIndex);
    }

    [Fact]
    public void RowsUnbounded_BuffersUntilTheWatermark_ThenProcessesInTimeOrder_AndDropsLateRows()
    {
        var op = NewOperator(OverFrame.RowsUnbounded());
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(5), 1L), R("+I", "a", Ms(2), 2L), R("+I", "b", Ms(3), 10L), R("+I", "a", Ms(5), 3L)));
        Assert.Empty(Rows(harness));

        harness.ProcessWatermark(4);
        Assert.Equal(["+I[a, 2, 2, 1, 2, 2, 2, 2]", "+I[b, 3, 10, 1, 10, 10, 10, 10]"], Rows(harness));
        Assert.Equal([4L], harness.OutputWatermarks);
        harness.ClearOutput();

        // 4 is at or below the watermark: late. The rows at 5 are processed in arrival order.
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(4), 100L), R("+I", "a", Ms(6), 0L)));
        harness.EndInput();
        Assert.Equal(["+I[a, 5, 1, 2, 3, 1, 2, 1]", "+I[a, 5, 3, 3, 6, 1, 2, 3]", "+I[a, 6, 0, 4, 6, 0, 2, 0]"], Rows(harness));
        Assert.Equal(1, op.LateRowsDropped);
    }

    [Fact]
    public void RowsPreceding_CoversTheCurrentRowAndNRowsBefore_EvenAtEqualTimes()
    {
        var output = RunEventTime(OverFrame.Rows(1),
            R("+I", "a", Ms(1), 1L), R("+I", "a", Ms(2), 2L), R("+I", "a", Ms(2), 3L), R("+I", "a", Ms(3), 4L), R("+I", "b", Ms(4), 9L));
        Assert.Equal(
        [
            "+I[a, 1, 1, 1, 1, 1, 1, 1]", "+I[a, 2, 2, 2, 3, 1, 1, 2]", "+I[a, 2, 3, 2, 5, 2, 2, 3]", "+I[a, 3, 4, 2, 7, 3, 3, 4]",
            "+I[b, 4, 9, 1, 9, 9, 9, 9]",
        ], output);
    }

    [Fact]
    public void RowsZeroPreceding_IsTheCurrentRowOnly()
    {
        var output = RunEventTime(OverFrame.Rows(0), R("+I", "a", Ms(1), 1L), R("+I", "a", Ms(1), 5L), R("+I", "a", Ms(2), 3L));
        Assert.Equal(["+I[a, 1, 1, 1, 1, 1, 1, 1]", "+I[a, 1, 5, 1, 5, 5, 5, 5]", "+I[a, 2, 3, 1, 3, 3, 3, 3]"], output);
    }

    [Fact]
    public void RangeUnbounded_RowsOfTheSameTimeSeeEachOther()
    {
        var output = RunEventTime(OverFrame.RangeUnbounded(), R("+I", "a", Ms(1), 1L), R("+I", "a", Ms(2), 2L), R("+I", "a", Ms(2), 3L));
        Assert.Equal(["+I[a, 1, 1, 1, 1, 1, 1, 1]", "+I[a, 2, 2, 3, 6, 1, 1, 3]", "+I[a, 2, 3, 3, 6, 1, 1, 3]"], output);
    }

    [Fact]
    public void RangeInterval_RetractsRowsOlderThanTheInterval_KeepingTheBoundary()
    {
        var output = RunEventTime(OverFrame.Range(TimeSpan.FromMilliseconds(2)),
            R("+I", "a", Ms(1), 1L), R("+I", "a", Ms(2), 2L), R("+I", "a", Ms(3), 4L), R("+I", "a", Ms(4), 8L), R("+I", "a", Ms(6), 16L));

        // Frames [t - 2, t]: {1}, {1, 2}, {1, 2, 3}, {2, 3, 4}, {4, 6}.
        Assert.Equal(
        [
            "+I[a, 1, 1, 1, 1, 1, 1, 1]", "+I[a, 2, 2, 2, 3, 1, 1, 2]", "+I[a, 3, 4, 3, 7, 1, 1, 4]",
            "+I[a, 4, 8, 3, 14, 2, 2, 8]", "+I[a, 6, 16, 2, 24, 8, 8, 16]",
        ], output);
    }

    [Fact]
    public void ProcessingTime_EmitsAtOnce_AndRangeRowsOfOneBatchShareTheirResults()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddMilliseconds(100));
        using var rows = new OperatorHarness(NewOperator(OverFrame.RowsUnbounded(), processingTime: true), timeProvider: clock);
        rows.ProcessBatch(Batch(Input, R("+I", "a", null, 1L), R("+I", "a", null, 2L)));
        Assert.Equal(["+I[a, null, 1, 1, 1, 1, 1, 1]", "+I[a, null, 2, 2, 3, 1, 1, 2]"], Rows(rows));

        using var range = new OperatorHarness(NewOperator(OverFrame.Range(TimeSpan.FromMilliseconds(5)), processingTime: true), timeProvider: clock);
        range.ProcessBatch(Batch(Input, R("+I", "a", null, 1L), R("+I", "a", null, 2L)));
        range.AdvanceProcessingTime(TimeSpan.FromMilliseconds(6));
        range.ProcessBatch(Batch(Input, R("+I", "a", null, 4L)));

        // The first two rows (at 100) left the 5 ms frame by 106.
        Assert.Equal(["+I[a, null, 1, 2, 3, 1, 1, 2]", "+I[a, null, 2, 2, 3, 1, 1, 2]", "+I[a, null, 4, 1, 4, 4, 4, 4]"], Rows(range));
    }

    [Fact]
    public void UpdatingInput_IsRejected()
    {
        using var harness = new OperatorHarness(NewOperator(OverFrame.RowsUnbounded()));
        Assert.ThrowsAny<Exception>(() => harness.ProcessBatch(Batch(Input, R("-U", "a", Ms(1), 1L))));
    }

    public static TheoryData<string> Frames() => ["rows", "rows2", "range", "range3"];

    private static OverFrame FrameOf(string name) => name switch
    {
        "rows" => OverFrame.RowsUnbounded(),
        "rows2" => OverFrame.Rows(2),
        "range" => OverFrame.RangeUnbounded(),
        _ => OverFrame.Range(TimeSpan.FromMilliseconds(3)),
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Snapshot_WithBufferedRowsAndFrames_RestoresAndContinuesLikeAnUninterruptedRun(string frame)
    {
        var steps = Windows.WindowAggregateOperatorTests.Script(new Random(31), 30, keys: 3);
        var expected = Run(FrameOf(frame), steps, snapshotAfter: -1);
        var actual = Run(FrameOf(frame), steps, snapshotAfter: 13);
        Assert.Equal(expected, actual);
        Assert.True(expected.Count > 20);
    }

    [Fact]
    public void Snapshot_RestoresAtAnotherParallelism()
    {
        var keys = Enumerable.Range(0, 10).Select(i => $"key{i}").ToArray();
        OperatorSnapshot snapshot;
        using (var harness = new OperatorHarness(NewOperator(OverFrame.Rows(1))))
        {
            harness.ProcessBatch(Batch(Input, keys.Select(k => R("+I", k, Ms(1), 1L)).ToArray()));
            harness.ProcessWatermark(1);
            harness.ProcessBatch(Batch(Input, keys.Select(k => R("+I", k, Ms(2), 2L)).ToArray()));
            snapshot = harness.Snapshot(1);
        }

        var output = new List<string>();
        var selector = new RecordBatchKeySelector([0]);
        for (var subtask = 0; subtask < 2; subtask++)
        {
            using var harness = new OperatorHarness(NewOperator(OverFrame.Rows(1)), 2, subtask, restoreFrom: [snapshot]);
            var mine = keys.Where(k => SubtaskOf(selector, k, 2) == subtask).ToArray();
            harness.ProcessWatermark(1);
            if (mine.Length > 0)
            {
                harness.ProcessBatch(Batch(Input, mine.Select(k => R("+I", k, Ms(3), 4L)).ToArray()));
            }

            harness.EndInput();
            output.AddRange(Rows(harness));
        }

        // Per key: the row at 1 was emitted before the snapshot; the buffered row at 2 and the new row at 3 come after it.
        var expected = keys.SelectMany(k => new[] { $"+I[{k}, 2, 2, 2, 3, 1, 1, 2]", $"+I[{k}, 3, 4, 2, 6, 2, 2, 4]" });
        Assert.Equal(expected.Order(StringComparer.Ordinal), output.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void RandomInput_WithLateRows_MatchesALinqReference(string frameName)
    {
        var frame = FrameOf(frameName);
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var steps = Windows.WindowAggregateOperatorTests.Script(new Random(seed), 50, keys: 3);
            var output = Run(frame, steps, snapshotAfter: -1);

            // The rows that were not late, per key in (time, arrival) order; each row's frame by the frame's definition.
            var included = new List<(string K, long T, long V, int Arrival)>();
            var watermark = long.MinValue;
            var arrival = 0;
            foreach (var (rows, mark) in steps)
            {
                foreach (var r in rows.Where(r => r.T > watermark))
                {
                    included.Add((r.K, r.T, r.V, arrival++));
                }

                watermark = mark ?? watermark;
            }

            var expected = new List<string>();
            foreach (var byKey in included.GroupBy(r => r.K))
            {
                var sequence = byKey.OrderBy(r => r.T).ThenBy(r => r.Arrival).ToList();
                for (var i = 0; i < sequence.Count; i++)
                {
                    var current = sequence[i];
                    var inFrame = frame.IsRows
                        ? sequence.Take(i + 1).Skip(frame.Preceding is { } n ? Math.Max(0, i - (int)n) : 0).ToList()
                        : sequence.Where(r => r.T <= current.T && (frame.Preceding is not { } p || r.T >= current.T - p)).ToList();
                    var values = inFrame.Select(r => r.V).ToList();
                    expected.Add($"+I[{current.K}, {current.T}, {current.V}, {values.Count}, {values.Sum()}, {values.Min()}, {values[0]}, {values[^1]}]");
                }
            }

            Assert.Equal(expected.Order(StringComparer.Ordinal), output.Order(StringComparer.Ordinal));
        }
    }

    private static List<string> Run(OverFrame frame, List<(List<(string K, long T, long V)> Rows, long? Watermark)> steps, int snapshotAfter)
    {
        var output = new List<string>();
        var harness = new OperatorHarness(NewOperator(frame));
        try
        {
            long? watermark = null;
            for (var i = 0; i < steps.Count; i++)
            {
                var (rows, mark) = steps[i];
                harness.ProcessBatch(Batch(Input, rows.Select(r => R("+I", r.K, Ms(r.T), r.V)).ToArray()));
                if (mark is { } w)
                {
                    harness.ProcessWatermark(w);
                    watermark = w;
                }

                if (i == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(Rows(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(NewOperator(frame), restoreFrom: [snapshot]);
                    if (watermark is { } restored)
                    {
                        harness.ProcessWatermark(restored);
                    }
                }
            }

            harness.EndInput();
            output.AddRange(Rows(harness));
            return output;
        }
        finally
        {
            harness.Dispose();
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
