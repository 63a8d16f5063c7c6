using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators.Windowing;
using Sluice.Testing;
using Sluice.Testing.Sources;
using static Sluice.Runtime.Tests.Windowing.WindowTestKit;

namespace Sluice.Runtime.Tests.Windowing;

[Trait("Category", "Unit")]
public class TumblingWindowOperatorTests
{
    [Fact]
    public void Window_BeforeWatermarkReachesMaxTimestamp_EmitsNothing_ThenFiresOnWatermark()
    {
        using var harness = new OperatorHarness(CountOperator(sizeMillis: 10));
        Feed(harness, Event(1, 1), Event(1, 5), Event(2, 3), Event(1, 9));

        harness.ProcessWatermark(8);
        harness.AdvanceProcessingTime(TimeSpan.FromHours(1));
        Assert.Empty(harness.OutputElements<WindowCount>());
        Assert.Equal([8L], harness.OutputWatermarks);

        harness.ProcessWatermark(9);
        Assert.Equal(
            [(new WindowCount(1, 0, 10, 3), 9L), (new WindowCount(2, 0, 10, 1), 9L)],
            OutputWithTimestamps(harness).OrderBy(r => r.Result.Key));
        Assert.Equal([8L, 9L], harness.OutputWatermarks);
    }

    [Fact]
    public void Window_FiresOnce_AndStateIsClearedAfterFiring()
    {
        var op = CountOperator(sizeMillis: 10);
        using var harness = new OperatorHarness(op);
        Feed(harness, Event(1, 12), Event(1, 15), Event(2, 31));
        harness.ProcessWatermark(25);
        Assert.Equal([2L], op.KeysWithWindowState);
        Assert.Equal(1, op.PendingEventTimers);
        harness.ProcessWatermark(100);
        harness.EndInput();

        Assert.Equal([new WindowCount(1, 10, 20, 2), new WindowCount(2, 30, 40, 1)], harness.OutputElements<WindowCount>());
        Assert.Equal(0, op.LateElementsDropped);
        Assert.Empty(op.KeysWithWindowState);
        Assert.Equal(0, op.PendingEventTimers);
    }

    [Fact]
    public void OutOfOrderElements_WithinTheirWindows_AreAllCounted()
    {
        using var harness = new OperatorHarness(CountOperator(sizeMillis: 10));
        Feed(harness, Event(7, 25), Event(7, 12), Event(7, 19), Event(7, 11));
        harness.ProcessWatermark(15);
        Feed(harness, Event(7, 28), Event(7, 10), Event(7, 16), Event(7, 21));
        harness.ProcessWatermark(19);
        Assert.Equal([new WindowCount(7, 10, 20, 5)], harness.OutputElements<WindowCount>());

        Feed(harness, Event(7, 20));
        harness.ProcessWatermark(29);

        Assert.Equal([new WindowCount(7, 10, 20, 5), new WindowCount(7, 20, 30, 4)], harness.OutputElements<WindowCount>());
        Assert.Equal(0, ((TumblingWindowOperator<SequenceEvent, long, long, long, WindowCount>)harness.Operator).LateElementsDropped);
    }

    [Fact]
    public void LateElements_AfterTheirWindowFired_AreDroppedAndCounted()
    {
        var op = CountOperator(sizeMillis: 10);
        using var harness = new OperatorHarness(op);
        Feed(harness, Event(1, 2), Event(2, 4));
        harness.ProcessWatermark(9);
        harness.ClearOutput();

        Feed(harness, Event(1, 3), Event(1, 12), Event(2, 9), Event(3, 0));
        Assert.Equal(3, op.LateElementsDropped);
        harness.ProcessWatermark(30);

        Assert.Equal([new WindowCount(1, 10, 20, 1)], harness.OutputElements<WindowCount>());
        Assert.Equal(3, op.LateElementsDropped);
    }

    [Fact]
    public void AllowedLateness_LateElementUpdatesWindowAndReEmits_UntilCleanup()
    {
        var op = CountOperator(sizeMillis: 10, allowedLatenessMillis: 5);
        using var harness = new OperatorHarness(op);
        Feed(harness, Event(1, 1), Event(1, 2));
        harness.ProcessWatermark(9);
        Assert.Equal([new WindowCount(1, 0, 10, 2)], harness.OutputElements<WindowCount>());
        Assert.Equal([1L], op.KeysWithWindowState);
        Assert.Equal(1, op.PendingEventTimers);

        // Window [0, 10) fired but is kept until the watermark reaches 9 + 5 = 14: late elements re-fire it at once.
        Feed(harness, Event(1, 4));
        Assert.Equal([new WindowCount(1, 0, 10, 2), new WindowCount(1, 0, 10, 3)], harness.OutputElements<WindowCount>());
        harness.ProcessWatermark(13);
        Feed(harness, Event(1, 5), Event(1, 8));
        Assert.Equal(
            [(new WindowCount(1, 0, 10, 2), 9L), (new WindowCount(1, 0, 10, 3), 9L), (new WindowCount(1, 0, 10, 4), 9L),
                (new WindowCount(1, 0, 10, 5), 9L)],
            OutputWithTimestamps(harness));

        // The cleanup timer fires at 14: no new result, the state is gone, and later elements are dropped.
        harness.ProcessWatermark(14);
        Assert.Equal(4, harness.OutputElements<WindowCount>().Count);
        Assert.Empty(op.KeysWithWindowState);
        Assert.Equal(0, op.PendingEventTimers);
        Assert.Equal(0, op.LateElementsDropped);
        Feed(harness, Event(1, 6));
        Assert.Equal(1, op.LateElementsDropped);
        harness.EndInput();
        Assert.Equal(4, harness.OutputElements<WindowCount>().Count);
    }

    [Fact]
    public void AllowedLateness_OnTimeWindow_FiresOnceAtMaxTimestamp_NotAgainAtCleanup()
    {
        using var harness = new OperatorHarness(CountOperator(sizeMillis: 10, allowedLatenessMillis: 100));
        Feed(harness, Event(1, 21), Event(2, 22));
        harness.ProcessWatermark(29);
        harness.ProcessWatermark(500);

        Assert.Equal([new WindowCount(1, 20, 30, 1), new WindowCount(2, 20, 30, 1)],
            harness.OutputElements<WindowCount>().OrderBy(r => r.Key));
    }

    [Theory]
    [InlineData(0, 0, 10, 0)]
    [InlineData(9, 0, 10, 0)]
    [InlineData(10, 0, 10, 10)]
    [InlineData(-1, 0, 10, -10)]
    [InlineData(-10, 0, 10, -10)]
    [InlineData(-11, 0, 10, -20)]
    [InlineData(2, 3, 10, -7)]
    [InlineData(3, 3, 10, 3)]
    [InlineData(12, 3, 10, 3)]
    [InlineData(-5, 3, 10, -7)]
    [InlineData(5, -3, 10, -3)]
    [InlineData(7, -3, 10, 7)]
    [InlineData(1_700_000_123_456, 0, 60_000, 1_700_000_100_000)]
    public void StartOf_FlooredModulo_MatchesFlink(long timestamp, long offset, long size, long expectedStart)
    {
        Assert.Equal(expectedStart, TimeWindow.StartOf(timestamp, offset, size));
        var window = new TimeWindow(expectedStart, expectedStart + size);
        Assert.InRange(timestamp, window.Start, window.MaxTimestamp);
    }

    [Fact]
    public void NegativeTimestampsAndOffset_AssignFloorWindows()
    {
        using var harness = new OperatorHarness(CountOperator(sizeMillis: 10, offsetMillis: 3));
        Feed(harness, Event(1, -8), Event(1, -7), Event(1, 2), Event(1, 3));
        harness.EndInput();

        Assert.Equal([new WindowCount(1, -17, -7, 1), new WindowCount(1, -7, 3, 2), new WindowCount(1, 3, 13, 1)],
            harness.OutputElements<WindowCount>());
    }

    [Fact]
    public void Aggregate_WithAccumulatorOtherThanResult_EmitsResultOfAccumulator()
    {
        var op = new TumblingWindowOperator<SequenceEvent, long, (long Sum, long Count), double, (long Key, TimeWindow Window, double Mean)>(
            new TumblingWindowOptions<SequenceEvent, long, (long Sum, long Count), double, (long Key, TimeWindow Window, double Mean)>
            {
                KeySelector = e => e.Key,
                KeySerializer = Serializers.Int64,
                KeyHasher = KeyHashers.Int64,
                Size = TimeSpan.FromSeconds(1),
                Aggregate = new AverageAggregate(),
                AccumulatorSerializer = Serializers.Tuple(Serializers.Int64, Serializers.Int64),
                ResultSelector = static (key, window, mean) => (key, window, mean),
            });
        using var harness = new OperatorHarness(op);
        Feed(harness, Event(4, 100, seq: 1), Event(4, 200, seq: 2), Event(4, 900, seq: 6), Event(4, 1000, seq: 10));
        harness.EndInput();

        Assert.Equal([(4L, new TimeWindow(0, 1000), 3.0), (4L, new TimeWindow(1000, 2000), 10.0)],
            harness.OutputElements<(long Key, TimeWindow Window, double Mean)>());
    }

    [Fact]
    public void ManyWindowsFiring_AreSplitIntoBoundedBatches()
    {
        const int keys = 10_000;
        using var harness = new OperatorHarness(CountOperator(sizeMillis: 10));
        var events = new SequenceEvent[keys];
        for (var k = 0; k < keys; k++)
        {
            events[k] = Event(k, 5);
        }

        Feed(harness, events);
        harness.ProcessWatermark(9);

        Assert.Equal(keys, harness.OutputElements<WindowCount>().Count);
        Assert.All(harness.OutputBatches,
            b => Assert.InRange(b.RowCount, 1, TumblingWindowOperator<int, int, int, int, int>.MaxResultBatchSize));
    }

    [Fact]
    public void BatchWithoutEventTimes_FailsTheOperator()
    {
        using var harness = new OperatorHarness(CountOperator(sizeMillis: 10));
        var batch = new ElementBatch<SequenceEvent>(4);
        batch.Add(Event(1, 1));

        var ex = Assert.Throws<TaskFailureException>(() => harness.ProcessBatch(batch));
        Assert.Contains("without event times", ex.InnerException!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(10, 10, 0)]
    [InlineData(10, -10, 0)]
    [InlineData(10, 0, -1)]
    public void Options_Inconsistent_AreRejected(long size, long offset, long lateness) =>
        Assert.ThrowsAny<ArgumentException>(() => CountOperator(size, lateness, offset));

    [Fact]
    public void Options_FractionalMilliseconds_AreRejected() =>
        Assert.Throws<ArgumentException>(() => new TumblingWindowOperator<SequenceEvent, long, long, long, WindowCount>(
            new TumblingWindowOptions<SequenceEvent, long, long, long, WindowCount>
            {
                KeySelector = e => e.Key,
                KeySerializer = Serializers.Int64,
                KeyHasher = KeyHashers.Int64,
                Size = TimeSpan.FromTicks(15_000),
                Aggregate = CountAggregate<SequenceEvent>.Instance,
                AccumulatorSerializer = Serializers.Int64,
                ResultSelector = static (key, window, count) => new WindowCount(key, window.Start, window.End, count),
            }));
}
