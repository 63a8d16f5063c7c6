using Sluice.Core.Batches;
using Sluice.DataStream.Windowing;
using Sluice.Testing;
using static Sluice.DataStream.Tests.Windows.WindowTestOperators;

namespace Sluice.DataStream.Tests.Windows;

public class WindowOperatorTests
{
    private static readonly TimeSpan Ten = TimeSpan.FromMilliseconds(10);

    private static ((string, int), long)[] E(params (string Key, int Value, long Ts)[] items) =>
        items.Select(i => ((i.Key, i.Value), i.Ts)).ToArray();

    /// <summary>Runs <paramref name="steps"/> on one harness, and again with a snapshot/restore between every step; both outputs must match.</summary>
    private static List<T> RunWithAndWithoutRestore<T>(Func<Sluice.Runtime.Operators.StreamOperator> create, params Action<OperatorHarness>[] steps) =>
        Joins.RestoreRuns.WithAndWithoutRestore<T>(create, steps);

    [Fact]
    public void Tumbling_OutOfOrderElements_FireAtTheWatermark_AcrossRestores()
    {
        var output = RunWithAndWithoutRestore<(string, int)>(() => Sum(TumblingEventTimeWindows.Of(Ten)),
            h => h.ProcessElements(E(("a", 1, 3), ("b", 2, 12), ("a", 4, 11))),
            h => h.ProcessElements(E(("a", 8, 1), ("a", 16, 9))),
            h => h.ProcessWatermark(9),
            h => h.ProcessWatermark(30));
        Assert.Equal([("a", 25), ("a", 4), ("b", 2)], output);
    }

    [Fact]
    public void Tumbling_ResultsCarryTheWindowsMaxTimestamp()
    {
        using var h = new OperatorHarness(Sum(TumblingEventTimeWindows.Of(Ten)));
        h.ProcessElements(E(("a", 1, 3)));
        h.ProcessWatermark(100);
        var batch = Assert.IsType<ElementBatch<(string, int)>>(Assert.Single(h.OutputBatches));
        Assert.Equal([9L], batch.Timestamps.ToArray());
    }

    [Fact]
    public void Tumbling_WithOffset_ShiftsTheWindows()
    {
        using var h = new OperatorHarness(Describe(TumblingEventTimeWindows.Of(Ten, TimeSpan.FromMilliseconds(3))));
        h.ProcessElements(E(("a", 1, 2), ("a", 2, 3), ("a", 3, 12)));
        h.ProcessWatermark(100);
        Assert.Equal(["a[-7, 3):1#1", "a[3, 13):2,3#2"], h.OutputElements<string>());
    }

    [Fact]
    public void Sliding_EveryElementInSizeBySlideWindows_AcrossRestores()
    {
        var output = RunWithAndWithoutRestore<string>(() => Describe(SlidingEventTimeWindows.Of(TimeSpan.FromMilliseconds(20), Ten)),
            h => h.ProcessElements(E(("a", 1, 5), ("a", 2, 15))),
            h => h.ProcessWatermark(19),
            h => h.ProcessElements(E(("a", 3, 25))),
            h => h.ProcessWatermark(100));
        Assert.Equal(["a[-10, 10):1#1", "a[0, 20):1,2#2", "a[10, 30):2,3#3", "a[20, 40):3#4"], output);
    }

    [Fact]
    public void Aggregate_WithProcessWindowFunction_SeesMetadataAndPerWindowState_AcrossRestores()
    {
        var output = RunWithAndWithoutRestore<string>(() => Average(TumblingEventTimeWindows.Of(Ten)),
            h => h.ProcessElements(E(("a", 1, 0), ("a", 2, 9), ("b", 7, 5))),
            h => h.ProcessWatermark(9),
            h => h.ProcessElements(E(("a", 10, 10))),
            h => h.ProcessWatermark(20));
        Assert.Equal(["a@0-10/9=1.5#1", "b@0-10/9=7#1", "a@10-20/19=10#1"], output);
    }

    [Fact]
    public void LateElements_AreDropped_AndCounted()
    {
        var op = Sum(TumblingEventTimeWindows.Of(Ten));
        using var h = new OperatorHarness(op);
        h.ProcessElements(E(("a", 1, 3)));
        h.ProcessWatermark(10);
        h.ProcessElements(E(("a", 5, 4), ("a", 7, 12)));
        h.ProcessWatermark(20);
        Assert.Equal([("a", 1), ("a", 7)], h.OutputElements<(string, int)>());
        Assert.Equal(1, ((Sluice.DataStream.Operators.WindowOperator<string, (string Key, int Value), (string Key, int Value), (string Key, int Value)>)op).LateElementsDropped);
    }

    [Fact]
    public void LateElements_GoToTheSideOutput_WhenRequested()
    {
        var late = new OutputTag<(string, int)>("late");
        using var h = new OperatorHarness(Sum(TumblingEventTimeWindows.Of(Ten), late: late));
        h.ProcessElements(E(("a", 1, 3)));
        h.ProcessWatermark(10);
        h.ProcessElements(E(("a", 5, 4)));
        h.ProcessWatermark(11);
        var side = Assert.Single(h.OutputBatches.OfType<Sluice.DataStream.Operators.SideOutputBatch>());
        Assert.Equal("late", side.TagId);
        var lateBatch = Assert.IsType<ElementBatch<(string, int)>>(side.Inner);
        Assert.Equal([("a", 5)], lateBatch.Items.ToArray());
        Assert.Equal([4L], lateBatch.Timestamps.ToArray());
        Assert.Equal([("a", 1)], h.OutputElements<(string, int)>());
    }

    [Fact]
    public void AllowedLateness_LateElementRefiresWithTheUpdatedResult_ThenTheStateIsCleanedUp()
    {
        var output = RunWithAndWithoutRestore<(string, int)>(
            () => Sum(TumblingEventTimeWindows.Of(Ten), lateness: TimeSpan.FromMilliseconds(5)),
            h => h.ProcessElements(E(("a", 1, 3))),
            h => h.ProcessWatermark(10),
            h => h.ProcessElements(E(("a", 2, 4))),          // within lateness (cleanup at 9 + 5 = 14): fires again with 3
            h => h.ProcessWatermark(14),                      // cleaned up
            h =>
            {
                // Watermarks are not part of a snapshot: after a restore the input brings the watermark again.
                h.ProcessWatermark(14);
                h.ProcessElements(E(("a", 100, 5)));          // too late: dropped
            },
            h => h.ProcessWatermark(50));
        Assert.Equal([("a", 1), ("a", 3)], output);
    }

    [Fact]
    public void AllowedLateness_StateAndTimersGoneAfterCleanup()
    {
        var op = (Sluice.DataStream.Operators.WindowOperator<string, (string Key, int Value), (string Key, int Value), (string Key, int Value)>)
            Sum(TumblingEventTimeWindows.Of(Ten), lateness: TimeSpan.FromMilliseconds(5));
        using var h = new OperatorHarness(op);
        h.ProcessElements(E(("a", 1, 3), ("b", 1, 25)));
        Assert.Equal(4, op.PendingEventTimers); // per key: the trigger's timer at the window's max timestamp and the cleanup timer
        h.ProcessWatermark(13);
        Assert.Equal(["a", "b"], op.KeysWithContents.Order());
        h.ProcessWatermark(14);
        Assert.Equal(["b"], op.KeysWithContents);
        h.ProcessWatermark(100);
        Assert.Equal(0, op.PendingEventTimers);
        Assert.Empty(op.KeysWithContents);
    }

    [Fact]
    public void Sessions_MergeOverlappingWindows_IncludingAcrossARestore()
    {
        var output = RunWithAndWithoutRestore<string>(() => Describe(EventTimeSessionWindows.WithGap(Ten)),
            h => h.ProcessElements(E(("a", 1, 0), ("a", 2, 30), ("b", 9, 0))),
            h => h.ProcessElements(E(("a", 3, 15))),          // [15,25) alone
            h => h.ProcessElements(E(("a", 4, 8))),           // [8,18) bridges [0,10) and [15,25)
            h => h.ProcessWatermark(24),                       // [0,25) not yet (max 24 fires at 24) -> fires
            h => h.ProcessWatermark(100));
        // The order of elements within a merged session is not defined: compare the sorted values.
        Assert.Equal(["b[0, 10):9#1", "a[0, 25):1,3,4#1", "a[30, 40):2#2"], output.Select(SortValues));
    }

    private static string SortValues(string described)
    {
        var colon = described.IndexOf(':');
        var hash = described.IndexOf('#');
        var values = described[(colon + 1)..hash].Split(',').OrderBy(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
        return $"{described[..(colon + 1)]}{string.Join(",", values)}{described[hash..]}";
    }

    [Fact]
    public void Sessions_StaleTimersOfMergedWindowsDoNotFire()
    {
        using var h = new OperatorHarness(Describe(EventTimeSessionWindows.WithGap(Ten)));
        h.ProcessElements(E(("a", 1, 0), ("a", 2, 5)));
        h.ProcessWatermark(9);
        Assert.Empty(h.OutputElements<string>());
        h.ProcessWatermark(14);
        Assert.Equal(["a[0, 15):1,2#1"], h.OutputElements<string>());
    }

    [Fact]
    public void GlobalWindows_WithCountTrigger_FireEveryNElements_AcrossRestores()
    {
        var output = RunWithAndWithoutRestore<(string, int)>(() => Sum(GlobalWindows.Create(), PurgingTrigger.Of(CountTrigger.Of(3))),
            h => h.ProcessElements(E(("a", 1, 0), ("a", 2, 0), ("b", 10, 0))),
            h => h.ProcessElements(E(("a", 3, 0), ("a", 4, 0), ("b", 20, 0))),
            h => h.ProcessElements(E(("a", 5, 0), ("a", 6, 0), ("b", 30, 0))),
            h => h.ProcessWatermark(long.MaxValue));
        Assert.Equal([("a", 6), ("a", 15), ("b", 60)], output);
    }

    [Fact]
    public void GlobalWindows_CountTriggerWithoutPurge_KeepsAccumulating()
    {
        using var h = new OperatorHarness(Sum(GlobalWindows.Create(), CountTrigger.Of(2)));
        h.ProcessElements(E(("a", 1, 0), ("a", 2, 0), ("a", 3, 0), ("a", 4, 0)));
        Assert.Equal([("a", 3), ("a", 10)], h.OutputElements<(string, int)>());
    }

    [Fact]
    public void CountEvictor_KeepsTheLastElements()
    {
        using var h = new OperatorHarness(Describe(GlobalWindows.Create(), CountTrigger.Of(3), CountEvictor.Of(2)));
        h.ProcessElements(E(("a", 1, 0), ("a", 2, 1), ("a", 3, 2), ("a", 4, 3), ("a", 5, 4), ("a", 6, 5)));
        Assert.Equal([$"a{GlobalWindows.Window}:2,3#1", $"a{GlobalWindows.Window}:5,6#2"], h.OutputElements<string>());
    }

    [Fact]
    public void TimeEvictor_KeepsTheLastSpanOfEventTime_AcrossRestores()
    {
        var output = RunWithAndWithoutRestore<string>(
            () => Describe(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(100)), evictor: TimeEvictor.Of(TimeSpan.FromMilliseconds(10))),
            h => h.ProcessElements(E(("a", 1, 50), ("a", 2, 85), ("a", 3, 95))),
            h => h.ProcessElements(E(("a", 4, 90))),
            h => h.ProcessWatermark(200));
        Assert.Equal(["a[0, 100):3,4#1"], output);
    }

    [Fact]
    public void ProcessingTimeTumbling_FiresFromTheClock_AcrossARestore()
    {
        var time = new ManualTimeProvider();
        var start = time.GetUtcNow().ToUnixTimeMilliseconds();
        var windowEnd = start - (start % 1000) + 1000;
        OperatorSnapshot snapshot;
        using (var h = new OperatorHarness(Sum(TumblingProcessingTimeWindows.Of(TimeSpan.FromSeconds(1))), timeProvider: time))
        {
            h.ProcessElements(E(("a", 1, 0), ("a", 2, 0)));
            snapshot = h.Snapshot(1);
        }

        using var restored = new OperatorHarness(Sum(TumblingProcessingTimeWindows.Of(TimeSpan.FromSeconds(1))), timeProvider: time, restoreFrom: [snapshot]);
        restored.Open();
        restored.AdvanceProcessingTime(TimeSpan.FromMilliseconds(windowEnd - 1 - start - 1));
        Assert.Empty(restored.OutputElements<(string, int)>());
        restored.AdvanceProcessingTime(TimeSpan.FromMilliseconds(1));
        Assert.Equal([("a", 3)], restored.OutputElements<(string, int)>());
    }

    [Fact]
    public void EventTimers_AcrossARestoreAtAnotherParallelism_FireWithTheirKeys()
    {
        OperatorSnapshot snapshot;
        var keys = Enumerable.Range(0, 30).Select(i => $"k{i}").ToList();
        using (var first = new OperatorHarness(Sum(TumblingEventTimeWindows.Of(Ten))))
        {
            first.ProcessElements(keys.Select((k, i) => ((k, i), (long)i)));
            snapshot = first.Snapshot(1);
        }

        var fired = new List<(string, int)>();
        for (var subtask = 0; subtask < 3; subtask++)
        {
            using var restored = new OperatorHarness(Sum(TumblingEventTimeWindows.Of(Ten)), parallelism: 3, subtaskIndex: subtask, restoreFrom: [snapshot]);
            restored.ProcessWatermark(1000);
            fired.AddRange(restored.OutputElements<(string, int)>());
        }

        Assert.Equal(keys.Select((k, i) => (k, i)).Order(), fired.Order());
    }

    [Fact]
    public void Sessions_WithCountTrigger_AreRejected() =>
        Assert.Throws<ArgumentException>(() => Sum(EventTimeSessionWindows.WithGap(Ten), CountTrigger.Of(2)));

    [Fact]
    public void ProcessingTimeSessions_MergeAndFireAfterTheGap()
    {
        var time = new ManualTimeProvider();
        using var h = new OperatorHarness(Sum(ProcessingTimeSessionWindows.WithGap(TimeSpan.FromSeconds(1))), timeProvider: time);
        h.ProcessElements(E(("a", 1, 0)));
        h.AdvanceProcessingTime(TimeSpan.FromMilliseconds(600));
        h.ProcessElements(E(("a", 2, 0)));
        h.AdvanceProcessingTime(TimeSpan.FromMilliseconds(600));
        Assert.Empty(h.OutputElements<(string, int)>());
        h.AdvanceProcessingTime(TimeSpan.FromMilliseconds(400));
        Assert.Equal([("a", 3)], h.OutputElements<(string, int)>());
    }

    /// <summary>Fires early at the window's midpoint and at its end (a user trigger with two event-time timers per window).</summary>
    private sealed class EarlyAndOnTime : Trigger
    {
        public override TriggerResult OnElement(long timestamp, Sluice.Runtime.Operators.Windowing.TimeWindow window, TriggerContext context)
        {
            var mid = window.Start + ((window.End - window.Start) / 2);
            if (mid > context.CurrentWatermark)
            {
                context.RegisterEventTimeTimer(mid);
            }

            context.RegisterEventTimeTimer(window.MaxTimestamp);
            var seen = context.GetValueState<long>("seen");
            seen.Update(seen.Value() + 1);
            return TriggerResult.Continue;
        }

        public override TriggerResult OnEventTime(long time, Sluice.Runtime.Operators.Windowing.TimeWindow window, TriggerContext context) =>
            context.GetValueState<long>("seen").Value() > 0 ? TriggerResult.Fire : TriggerResult.Continue;

        public override TriggerResult OnProcessingTime(long time, Sluice.Runtime.Operators.Windowing.TimeWindow window, TriggerContext context) =>
            TriggerResult.Continue;

        public override void Clear(Sluice.Runtime.Operators.Windowing.TimeWindow window, TriggerContext context)
        {
            context.DeleteEventTimeTimer(window.Start + ((window.End - window.Start) / 2));
            context.DeleteEventTimeTimer(window.MaxTimestamp);
            context.GetValueState<long>("seen").Clear();
        }
    }

    [Fact]
    public void CustomTrigger_TimersAndStateAcrossRestores()
    {
        var output = RunWithAndWithoutRestore<(string, int)>(() => Sum(TumblingEventTimeWindows.Of(Ten), new EarlyAndOnTime()),
            h => h.ProcessElements(E(("a", 1, 1), ("a", 2, 2))),
            h => h.ProcessWatermark(5),
            h =>
            {
                // Watermarks are not part of a snapshot: after a restore the input brings the watermark again.
                h.ProcessWatermark(5);
                h.ProcessElements(E(("a", 7, 7)));
            },
            h => h.ProcessWatermark(9),
            h => h.ProcessWatermark(100));
        Assert.Equal([("a", 3), ("a", 10)], output);
    }
}
