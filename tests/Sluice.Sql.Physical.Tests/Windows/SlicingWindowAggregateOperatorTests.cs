using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Windows;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;
using static Sluice.Sql.Physical.Tests.Windows.TimeRows;

namespace Sluice.Sql.Physical.Tests.Windows;

/// <summary>
/// The sliced window aggregation must emit exactly what the per-window path (window assignment, then one accumulator
/// per key and window) emits, late rows and restores included.
/// </summary>
public sealed class SlicingWindowAggregateOperatorTests
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
        new(AggregateKind.Min, 2, DataTypes.BigInt(), "bottom"),
        new(AggregateKind.Avg, 2, DataTypes.BigInt(), "mean"),
        new(AggregateKind.Count, [2], true, -1, DataTypes.BigInt().NotNull(), "distinct_values"),
    ];

    public static TheoryData<string> Windows => new() { "hop 4/10", "hop 3/10", "hop 5/10", "hop 10/10", "cumulate 3/12", "cumulate 4/4", "tumble 10" };

    private static WindowSpec Spec(string name)
    {
        var parts = name.Split(' ');
        var numbers = parts[1].Split('/').Select(p => TimeSpan.FromMilliseconds(long.Parse(p, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        return parts[0] switch
        {
            "hop" => WindowSpec.Hop(numbers[0], numbers[1]),
            "cumulate" => WindowSpec.Cumulate(numbers[0], numbers[1]),
            _ => WindowSpec.Tumble(numbers[0]),
        };
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void Sliced_EmitsWhatThePerWindowPathEmits_LateRowsIncluded(string window)
    {
        var spec = Spec(window);
        long late = 0;
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var steps = Script(new Random(seed), 80, keys: 4);
            var expected = PerWindow(spec, steps, out var dropped);
            late += dropped;
            var actual = Sliced(spec, steps, snapshotAfter: -1);
            Assert.True(expected.Count > 20, $"the script should fire many windows, not {expected.Count}");
            Assert.Equal(expected, actual);
        }

        Assert.True(late > 0, "the scripts should have late rows");
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void Snapshot_InTheMiddleOfOverlappingWindows_RestoresLikeAnUninterruptedRun(string window)
    {
        var spec = Spec(window);
        var steps = Script(new Random(11), 40, keys: 4);
        var expected = PerWindow(spec, steps, out _);
        foreach (var after in new[] { 5, 17, 30 })
        {
            Assert.Equal(expected, Sliced(spec, steps, snapshotAfter: after));
        }
    }

    [Fact]
    public void Hop_AccumulatesEachRowIntoOneSlice_AndMergesTheSlicesOfAWindow()
    {
        // HOP(4 ms, 10 ms): slices of gcd(4, 10) = 2 ms. A row at 5 ms belongs to [-4, 6), [0, 10) and [4, 14).
        var harness = new OperatorHarness(new SlicingWindowAggregateOperator(Input, [0], 1, WindowSpec.Hop(TimeSpan.FromMilliseconds(4), TimeSpan.FromMilliseconds(10)), Calls));
        using (harness)
        {
            Assert.Equal(2, ((SlicingWindowAggregateOperator)harness.Operator).SliceMillis);
            harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(5), 3L), R("+I", "a", Ms(8), 4L)));
            harness.EndInput();
            var rows = Rows(harness);

            // 5 is in windows ending 6, 10, 14; 8 in those ending 10, 14, 18.
            Assert.Equal(
            [
                "+I[a, -4, 6, 5, 1, 3, 3, 3, 3, 1]",
                "+I[a, 0, 10, 9, 2, 7, 4, 3, 3, 2]",
                "+I[a, 4, 14, 13, 2, 7, 4, 3, 3, 2]",
                "+I[a, 8, 18, 17, 1, 4, 4, 4, 4, 1]",
            ], rows);
        }
    }

    [Fact]
    public void Cumulate_LateRowForAFiredSlice_CountsInTheLaterWindowsOfItsPeriodOnly()
    {
        // CUMULATE(2 ms, 6 ms): windows [0, 2), [0, 4), [0, 6). The row at 1 ms arrives after [0, 2) fired.
        var spec = WindowSpec.Cumulate(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(6));
        var harness = new OperatorHarness(new SlicingWindowAggregateOperator(Input, [0], 1, spec, Calls));
        using (harness)
        {
            harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(0), 1L)));
            harness.ProcessWatermark(1);
            harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(1), 10L), R("+I", "a", Ms(3), 100L)));
            harness.EndInput();
            Assert.Equal(
            [
                "+I[a, 0, 2, 1, 1, 1, 1, 1, 1, 1]",
                "+I[a, 0, 4, 3, 3, 111, 100, 1, 37, 3]",
                "+I[a, 0, 6, 5, 3, 111, 100, 1, 37, 3]",
            ], Rows(harness));
        }
    }

    [Fact]
    public void RowsWhoseEveryWindowFired_AreDroppedAndCounted()
    {
        var op = new SlicingWindowAggregateOperator(Input, [0], 1, WindowSpec.Hop(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10)), Calls);
        using var harness = new OperatorHarness(op);
        harness.ProcessWatermark(20);

        // 9 ms is in [0, 10) and [5, 15): both fired. 12 ms is in [5, 15) (fired) and [10, 20) (fired at 19), so late too;
        // 17 ms is in [15, 25), still open.
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(9), 1L), R("+I", "a", Ms(12), 1L), R("+I", "a", Ms(17), 1L), R("+I", "a", null, 1L)));
        Assert.Equal(2, op.LateRowsDropped);
        Assert.Equal(1, op.NullTimestampsDropped);
        harness.EndInput();
        Assert.Equal(["+I[a, 15, 25, 24, 1, 1, 1, 1, 1, 1]"], Rows(harness));
    }

    [Fact]
    public void CanSlice_RejectsOrderDependentFunctions()
    {
        Assert.True(SlicingWindowAggregateOperator.CanSlice(Calls));
        Assert.False(SlicingWindowAggregateOperator.CanSlice([new AggregateCall(AggregateKind.FirstValue, 2, DataTypes.BigInt(), "f")]));
        Assert.False(SlicingWindowAggregateOperator.CanSlice([new AggregateCall(AggregateKind.LastValue, 2, DataTypes.BigInt(), "l")]));
        Assert.Throws<ArgumentException>(() => new SlicingWindowAggregateOperator(Input, [0], 1, WindowSpec.Tumble(TimeSpan.FromMilliseconds(10)),
            [new AggregateCall(AggregateKind.FirstValue, 2, DataTypes.BigInt(), "f")]));
    }

    [Fact]
    public void OutputSchema_IsThePerWindowOperatorsSchema()
    {
        var spec = WindowSpec.Hop(TimeSpan.FromMilliseconds(4), TimeSpan.FromMilliseconds(10));
        var assigned = new WindowAssignOperator(Input, spec, 1).OutputSchema;
        var perWindow = new WindowAggregateOperator(assigned, [0], assigned.IndexOf("window_start"), assigned.IndexOf("window_end"), Calls,
            windowTimeType: assigned[assigned.IndexOf("window_time")].DataType).OutputSchema;
        var sliced = new SlicingWindowAggregateOperator(Input, [0], 1, spec, Calls).OutputSchema;
        Assert.Equal(perWindow.Fields, sliced.Fields);
        Assert.Equal(perWindow.RowTimeIndex, sliced.RowTimeIndex);
    }

    /// <summary>A script of batches (rows up to 15 ms out of order, some null values) and trailing watermarks (some rows late).</summary>
    private static List<Step> Script(Random random, int count, int keys)
    {
        var steps = new List<Step>();
        long now = 0;
        for (var i = 0; i < count; i++)
        {
            now += random.Next(0, 4);
            if (random.Next(4) == 0)
            {
                steps.Add(new Step(null, now - 5));
                continue;
            }

            var rows = Enumerable.Range(0, random.Next(1, 6)).Select(_ =>
                ($"k{random.Next(keys)}", Math.Max(0, now - random.Next(0, 16)), random.Next(5) == 0 ? (long?)null : random.Next(1, 20))).ToArray();
            steps.Add(new Step(rows, null));
        }

        return steps;
    }

    private static List<string> PerWindow(WindowSpec spec, List<Step> steps, out long lateRowsDropped)
    {
        using var pipeline = new WindowPipeline(Input, spec, s =>
            new WindowAggregateOperator(s, [0], s.IndexOf("window_start"), s.IndexOf("window_end"), Calls, insertOnlyInput: true));
        foreach (var step in steps)
        {
            if (step.Rows is { } rows)
            {
                pipeline.Push(Batch(Input, rows.Select(r => R("+I", r.Key, Ms(r.Millis), r.Value)).ToArray()));
            }
            else
            {
                pipeline.Watermark(step.Watermark!.Value);
            }
        }

        pipeline.Aggregation.EndInput();
        lateRowsDropped = ((WindowAggregateOperator)pipeline.Aggregation.Operator).LateRowsDropped;
        return Sorted(Rows(pipeline.Aggregation));
    }

    private static List<string> Sliced(WindowSpec spec, List<Step> steps, int snapshotAfter)
    {
        var harness = new OperatorHarness(new SlicingWindowAggregateOperator(Input, [0], 1, spec, Calls));
        var output = new List<string>();
        try
        {
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                if (step.Rows is { } rows)
                {
                    harness.ProcessBatch(Batch(Input, rows.Select(r => R("+I", r.Key, Ms(r.Millis), r.Value)).ToArray()));
                }
                else
                {
                    harness.ProcessWatermark(step.Watermark!.Value);
                }

                if (i == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(Rows(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(new SlicingWindowAggregateOperator(Input, [0], 1, spec, Calls), restoreFrom: [snapshot]);
                    harness.ProcessWatermark(LastWatermark(steps, i));
                }
            }

            harness.EndInput();
            output.AddRange(Rows(harness));
            return Sorted(output);
        }
        finally
        {
            harness.Dispose();
        }
    }

    /// <summary>The watermark the restored operator resumes with (the runtime hands it the last one before the barrier).</summary>
    private static long LastWatermark(List<Step> steps, int upTo)
    {
        for (var i = upTo; i >= 0; i--)
        {
            if (steps[i].Watermark is { } w)
            {
                return w;
            }
        }

        return long.MinValue;
    }

    private static List<string> Sorted(List<string> rows) => rows.Order(StringComparer.Ordinal).ToList();

    private sealed record Step((string Key, long Millis, long? Value)[]? Rows, long? Watermark);
}
