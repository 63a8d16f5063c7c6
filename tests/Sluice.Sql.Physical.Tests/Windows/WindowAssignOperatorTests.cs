using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators.Windows;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;
using static Sluice.Sql.Physical.Tests.Windows.TimeRows;

namespace Sluice.Sql.Physical.Tests.Windows;

public sealed class WindowAssignOperatorTests
{
    private static readonly Schema Input = new(
    [
        new Field("k", DataTypes.String()),
        new Field("ts", DataTypes.Timestamp(3)),
        new Field("v", DataTypes.BigInt()),
    ], rowTimeIndex: 1);

    private static List<string> Assign(WindowSpec window, params (string, object?[])[] rows)
    {
        using var harness = new OperatorHarness(new WindowAssignOperator(Input, window, timeColumn: 1));
        harness.ProcessBatch(Batch(Input, rows));
        return Rows(harness);
    }

    [Fact]
    public void OutputSchema_AppendsWindowColumns_WithWindowTimeAsRowTime()
    {
        var op = new WindowAssignOperator(Input, WindowSpec.Tumble(TimeSpan.FromSeconds(1)), timeColumn: 1);
        Assert.Equal(["k", "ts", "v", "window_start", "window_end", "window_time"], op.OutputSchema.Fields.Select(f => f.Name));
        Assert.Equal(5, op.OutputSchema.RowTimeIndex);
        Assert.Equal(DataTypes.Timestamp(3).NotNull(), op.OutputSchema[3].DataType);
        Assert.Equal(DataTypes.Timestamp(3).NotNull(), op.OutputSchema[5].DataType);

        var ltz = new Schema([new Field("ts", DataTypes.TimestampLtz(3))], rowTimeIndex: 0);
        var ltzOp = new WindowAssignOperator(ltz, WindowSpec.Tumble(TimeSpan.FromSeconds(1)), timeColumn: 0);
        Assert.Equal(DataTypes.TimestampLtz(3).NotNull(), ltzOp.OutputSchema[3].DataType);

        var proc = new WindowAssignOperator(Input, WindowSpec.Tumble(TimeSpan.FromSeconds(1)), timeColumn: -1, processingTime: true);
        Assert.Equal(-1, proc.OutputSchema.RowTimeIndex);
        Assert.Equal(DataTypes.TimestampLtz(3).NotNull(), proc.OutputSchema[5].DataType);
    }

    [Fact]
    public void OutputSchema_MakesWindowColumnNamesUnique_AsTheLogicalPlanDoes()
    {
        var input = new Schema([new Field("ts", DataTypes.Timestamp(3)), new Field("window_start", DataTypes.Int())], rowTimeIndex: 0);
        var op = new WindowAssignOperator(input, WindowSpec.Tumble(TimeSpan.FromSeconds(1)), timeColumn: 0);
        Assert.Equal(["ts", "window_start", "window_start0", "window_end", "window_time"], op.OutputSchema.Fields.Select(f => f.Name));
    }

    [Fact]
    public void TimestampLtz_WindowsAreAlignedInTheSessionTimeZone_AndWindowTimeIsAnInstant()
    {
        // Asia/Kolkata is UTC+05:30: the instant 04:45 UTC is 10:15 local, in the hour window [10:00, 11:00) local,
        // whose end is the instant 05:30 UTC.
        var ltz = new Schema([new Field("k", DataTypes.String()), new Field("ts", DataTypes.TimestampLtz(3))], rowTimeIndex: 1);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        using var harness = new OperatorHarness(new WindowAssignOperator(ltz, WindowSpec.Tumble(TimeSpan.FromHours(1)), timeColumn: 1, localTimeZone: zone));
        harness.ProcessBatch(Batch(ltz, R("+I", "a", Ms(17_100_000))));
        Assert.Equal(["+I[a, 17100000, 36000000, 39600000, 19799999]"], Rows(harness));

        using var utc = new OperatorHarness(new WindowAssignOperator(Input, WindowSpec.Tumble(TimeSpan.FromHours(1)), timeColumn: 1, localTimeZone: zone));
        utc.ProcessBatch(Batch(Input, R("+I", "a", Ms(17_100_000), 1L)));
        Assert.Equal(["+I[a, 17100000, 1, 14400000, 18000000, 17999999]"], Rows(utc));
    }

    [Fact]
    public void Tumble_AssignsTheAlignedWindow_IncludingBoundariesAndTimesBeforeTheEpoch()
    {
        var output = Assign(WindowSpec.Tumble(TimeSpan.FromMilliseconds(10)),
            R("+I", "a", Ms(3), 1L), R("+I", "b", Ms(10), 2L), R("+I", "c", Ms(19), 3L), R("+I", "d", Ms(-1), 4L));
        Assert.Equal(["+I[a, 3, 1, 0, 10, 9]", "+I[b, 10, 2, 10, 20, 19]", "+I[c, 19, 3, 10, 20, 19]", "+I[d, -1, 4, -10, 0, -1]"], output);
    }

    [Fact]
    public void Tumble_WithOffset_ShiftsTheAlignment()
    {
        var output = Assign(WindowSpec.Tumble(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(3)),
            R("+I", "a", Ms(2), 1L), R("+I", "b", Ms(3), 2L));
        Assert.Equal(["+I[a, 2, 1, -7, 3, 2]", "+I[b, 3, 2, 3, 13, 12]"], output);
    }

    [Fact]
    public void Hop_RepeatsTheRowOncePerWindow_LatestWindowFirst()
    {
        var output = Assign(WindowSpec.Hop(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(15)),
            R("+I", "a", Ms(12), 1L), R("+I", "b", Ms(0), 2L));
        Assert.Equal(
        [
            "+I[a, 12, 1, 10, 25, 24]", "+I[a, 12, 1, 5, 20, 19]", "+I[a, 12, 1, 0, 15, 14]",
            "+I[b, 0, 2, 0, 15, 14]", "+I[b, 0, 2, -5, 10, 9]", "+I[b, 0, 2, -10, 5, 4]",
        ], output);
    }

    [Fact]
    public void Cumulate_AssignsEveryGrowingWindowThatEndsAfterTheRow_ShortestFirst()
    {
        var output = Assign(WindowSpec.Cumulate(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(15)),
            R("+I", "a", Ms(7), 1L), R("+I", "b", Ms(14), 2L), R("+I", "c", Ms(15), 3L));
        Assert.Equal(
        [
            "+I[a, 7, 1, 0, 10, 9]", "+I[a, 7, 1, 0, 15, 14]",
            "+I[b, 14, 2, 0, 15, 14]",
            "+I[c, 15, 3, 15, 20, 19]", "+I[c, 15, 3, 15, 25, 24]", "+I[c, 15, 3, 15, 30, 29]",
        ], output);
    }

    [Fact]
    public void Cumulate_RequiresTheSizeToBeAMultipleOfTheStep()
    {
        Assert.Throws<ArgumentException>(() => WindowSpec.Cumulate(TimeSpan.FromMilliseconds(4), TimeSpan.FromMilliseconds(10)));
        Assert.Throws<ArgumentException>(() => WindowSpec.Tumble(TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => WindowSpec.Hop(TimeSpan.FromTicks(5), TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public void NullTimes_AreDroppedAndCounted_WhileRowKindsAndSelectionsAreKept()
    {
        var op = new WindowAssignOperator(Input, WindowSpec.Hop(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)), timeColumn: 1);
        using var harness = new OperatorHarness(op);
        var batch = Batch(Input, R("+I", "skipped", Ms(1), 0L), R("-U", "a", Ms(5), 1L), R("+I", "b", null, 2L), R("+U", "c", Ms(25), 3L));
        harness.ProcessBatch(batch.WithSelection([1, 2, 3]));
        Assert.Equal(
        [
            "-U[a, 5, 1, 0, 20, 19]", "-U[a, 5, 1, -10, 10, 9]",
            "+U[c, 25, 3, 20, 40, 39]", "+U[c, 25, 3, 10, 30, 29]",
        ], Rows(harness));
        Assert.Equal(1, op.NullTimestampsDropped);
    }

    [Fact]
    public void ProcessingTime_UsesTheTimeProvider()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddMilliseconds(1234));
        var op = new WindowAssignOperator(Input, WindowSpec.Tumble(TimeSpan.FromMilliseconds(100)), timeColumn: -1, processingTime: true);
        using var harness = new OperatorHarness(op, timeProvider: clock);
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(0), 1L)));
        clock.Advance(TimeSpan.FromMilliseconds(70));
        harness.ProcessBatch(Batch(Input, R("+I", "b", null, 2L)));
        Assert.Equal(["+I[a, 0, 1, 1200, 1300, 1299]", "+I[b, null, 2, 1300, 1400, 1399]"], Rows(harness));
    }

    [Fact]
    public void Watermarks_PassThrough()
    {
        using var harness = new OperatorHarness(new WindowAssignOperator(Input, WindowSpec.Tumble(TimeSpan.FromMilliseconds(10)), 1));
        harness.ProcessWatermark(42);
        Assert.Equal([42L], harness.OutputWatermarks);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomTimes_GetExactlyTheWindowsThatContainThem(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 20; round++)
        {
            var unit = random.Next(1, 8);
            var kind = random.Next(3);
            var size = unit * random.Next(1, 5);
            var offset = random.Next(-20, 21);
            var window = kind switch
            {
                0 => WindowSpec.Tumble(TimeSpan.FromMilliseconds(size), TimeSpan.FromMilliseconds(offset)),
                1 => WindowSpec.Hop(TimeSpan.FromMilliseconds(unit), TimeSpan.FromMilliseconds(size + random.Next(0, 3)), TimeSpan.FromMilliseconds(offset)),
                _ => WindowSpec.Cumulate(TimeSpan.FromMilliseconds(unit), TimeSpan.FromMilliseconds(size), TimeSpan.FromMilliseconds(offset)),
            };
            var times = Enumerable.Range(0, 30).Select(_ => (long)random.Next(-100, 100)).ToList();
            var output = Assign(window, times.Select((t, i) => R("+I", "r", Ms(t), (long)i)).ToArray());
            var expected = times.SelectMany((t, i) => Reference(window, t).Select(w => $"+I[r, {t}, {i}, {w.Start}, {w.End}, {w.End - 1}]"));
            Assert.Equal(expected.Order(StringComparer.Ordinal), output.Order(StringComparer.Ordinal));
        }
    }

    /// <summary>Every window of the spec's family that contains <paramref name="t"/>, found by scanning candidate starts.</summary>
    private static IEnumerable<(long Start, long End)> Reference(WindowSpec window, long t)
    {
        var size = window.SizeMillis;
        var step = window.StepMillis;
        var offset = window.OffsetMillis;
        for (var start = t - (2 * size) - 1; start <= t; start++)
        {
            var aligned = (((start - offset) % step) + step) % step == 0;
            var alignedToSize = (((start - offset) % size) + size) % size == 0;
            switch (window.Kind)
            {
                case Sql.Planning.WindowKind.Tumble or Sql.Planning.WindowKind.Hop when aligned && start <= t && t < start + size:
                    yield return (start, start + size);
                    break;
                case Sql.Planning.WindowKind.Cumulate when alignedToSize && start <= t && t < start + size:
                    for (var end = start + step; end <= start + size; end += step)
                    {
                        if (t < end)
                        {
                            yield return (start, end);
                        }
                    }

                    break;
            }
        }
    }
}
