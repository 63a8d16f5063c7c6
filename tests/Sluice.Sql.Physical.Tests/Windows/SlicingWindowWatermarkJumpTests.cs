using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Windows;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;
using static Sluice.Sql.Physical.Tests.Windows.TimeRows;

namespace Sluice.Sql.Physical.Tests.Windows;

/// <summary>
/// A watermark that passes several HOP windows of a key at once fires them in one go (each slice read once, the later
/// windows' timers deleted instead of fired): every window is still emitted exactly once with the per-window path's
/// result, also when the jump follows a restore whose timers were registered for those windows.
/// </summary>
public sealed class SlicingWindowWatermarkJumpTests
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

    [Theory]
    [InlineData(4, 10, 1)]
    [InlineData(2, 10, 2)]
    [InlineData(3, 10, 3)]
    [InlineData(5, 5, 4)]
    public void WatermarkJumps_FireEveryWindowOnce_AsThePerWindowPath(int slide, int size, int seed)
    {
        var spec = WindowSpec.Hop(TimeSpan.FromMilliseconds(slide), TimeSpan.FromMilliseconds(size));
        var steps = Script(new Random(seed));
        var expected = PerWindow(spec, steps);
        Assert.True(expected.Count > 30, $"the script should fire many windows, not {expected.Count}");
        Assert.Equal(expected.Count, expected.Distinct().Count());
        Assert.Equal(expected, Sliced(spec, steps, snapshotAfter: -1));
        foreach (var after in new[] { 3, 10, 21 })
        {
            Assert.Equal(expected, Sliced(spec, steps, snapshotAfter: after));
        }
    }

    /// <summary>Batches of rows spread over 30 ms, each followed at times by a watermark far behind or a jump past several windows.</summary>
    private static List<(object?[][]? Rows, long? Watermark)> Script(Random random)
    {
        var steps = new List<(object?[][]?, long?)>();
        long watermark = -1;
        long now = 0;
        for (var i = 0; i < 30; i++)
        {
            now += random.Next(3, 12);
            var rows = Enumerable.Range(0, random.Next(2, 8))
                .Select(_ => new object?[] { $"k{random.Next(3)}", Ms(now + random.Next(0, 30)), (long)random.Next(1, 50) })
                .ToArray();
            steps.Add((rows, null));
            if (random.Next(3) == 0)
            {
                watermark = Math.Max(watermark, now + random.Next(-5, 25));
                steps.Add((null, watermark));
            }
        }

        return steps;
    }

    private static List<string> PerWindow(WindowSpec spec, List<(object?[][]? Rows, long? Watermark)> steps)
    {
        using var pipeline = new WindowPipeline(Input, spec, s =>
            new WindowAggregateOperator(s, [0], s.IndexOf("window_start"), s.IndexOf("window_end"), Calls, insertOnlyInput: true));
        foreach (var (rows, watermark) in steps)
        {
            if (rows is not null)
            {
                pipeline.Push(Batch(Input, rows.Select(r => R("+I", r)).ToArray()));
            }
            else
            {
                pipeline.Watermark(watermark!.Value);
            }
        }

        pipeline.Aggregation.EndInput();
        return Rows(pipeline.Aggregation).Order(StringComparer.Ordinal).ToList();
    }

    private static List<string> Sliced(WindowSpec spec, List<(object?[][]? Rows, long? Watermark)> steps, int snapshotAfter)
    {
        var harness = new OperatorHarness(new SlicingWindowAggregateOperator(Input, [0], 1, spec, Calls));
        var output = new List<string>();
        var last = long.MinValue;
        try
        {
            for (var i = 0; i < steps.Count; i++)
            {
                var (rows, watermark) = steps[i];
                if (rows is not null)
                {
                    harness.ProcessBatch(Batch(Input, rows.Select(r => R("+I", r)).ToArray()));
                }
                else
                {
                    last = watermark!.Value;
                    harness.ProcessWatermark(last);
                }

                if (i == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(Rows(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(new SlicingWindowAggregateOperator(Input, [0], 1, spec, Calls), restoreFrom: [snapshot]);
                    harness.ProcessWatermark(last);
                }
            }

            harness.EndInput();
            output.AddRange(Rows(harness));
            return output.Order(StringComparer.Ordinal).ToList();
        }
        finally
        {
            harness.Dispose();
        }
    }
}
