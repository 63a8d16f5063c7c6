using Sluice.Core.Batches;
using Sluice.DataStream.Functions;
using Sluice.DataStream.Operators;
using Sluice.DataStream.Types;
using Sluice.State.Keyed;
using Sluice.Testing;

namespace Sluice.DataStream.Tests.Operators;

public class KeyedProcessOperatorTests
{
    /// <summary>
    /// Per key: counts elements (value state), remembers them (list state), counts per word (map state); on the first
    /// element registers an event-time timer at ts + 10 and a processing-time timer 1 s later; the event-time timer emits
    /// a summary, the processing-time one a marker.
    /// </summary>
    private sealed class Summarize : KeyedProcessFunction<string, (string Key, string Word), string>
    {
        private IValueState<long>? _count;
        private IListState<string>? _words;
        private IMapState<string, int>? _perWord;

        public override void Open(RuntimeContext context)
        {
            _count = context.GetValueState<long>("count");
            _words = context.GetListState<string>("words");
            _perWord = context.GetMapState<string, int>("per-word");
        }

        public override void ProcessElement((string Key, string Word) value, KeyedProcessContext<string> context, Collector<string> output)
        {
            var count = _count!.Value() + 1;
            _count.Update(count);
            _words!.Add(value.Word);
            _perWord!.Put(value.Word, _perWord.TryGet(value.Word, out var n) ? n + 1 : 1);
            if (count == 1)
            {
                context.Timers.RegisterEventTimeTimer(context.Timestamp!.Value + 10);
                context.Timers.RegisterProcessingTimeTimer(context.Timers.CurrentProcessingTime + 1000);
            }
        }

        public override void OnTimer(long timestamp, KeyedProcessContext<string> context, Collector<string> output)
        {
            if (context.TimeDomain == TimeDomain.ProcessingTime)
            {
                output.Collect($"{context.Key}:processing");
                return;
            }

            var perWord = string.Join(",", _perWord!.Entries().OrderBy(e => e.Key).Select(e => $"{e.Key}={e.Value}"));
            output.Collect($"{context.Key}@{timestamp}:{_count!.Value()}:{string.Join(",", _words!.Get())}:{perWord}");
        }
    }

    private static KeyedProcessOperator<string, (string Key, string Word), string> Create() =>
        new(new Summarize(), e => e.Key, TypeInfos.Of<string>(), null);

    [Fact]
    public void ProcessElement_EventTimer_FiresWithTheKeysState()
    {
        using var harness = new OperatorHarness(Create());
        harness.ProcessElements([(("a", "x"), 100L), (("b", "y"), 101L), (("a", "x"), 102L), (("a", "z"), 103L)]);
        Assert.Empty(harness.OutputElements<string>());

        harness.ProcessWatermark(110);
        Assert.Equal(["a@110:3:x,x,z:x=2,z=1"], harness.OutputElements<string>());
        Assert.Equal([110L], harness.OutputWatermarks);

        harness.ProcessWatermark(111);
        Assert.Equal(["a@110:3:x,x,z:x=2,z=1", "b@111:1:y:y=1"], harness.OutputElements<string>());
    }

    [Fact]
    public void Results_CarryTheTimersTimestamp_AndPrecedeTheWatermark()
    {
        using var harness = new OperatorHarness(Create());
        harness.ProcessElements([(("a", "x"), 100L)]);
        harness.ProcessWatermark(200);
        var batch = Assert.IsType<ElementBatch<string>>(Assert.Single(harness.OutputBatches));
        Assert.Equal([110L], batch.Timestamps.ToArray());
    }

    [Fact]
    public void ProcessingTimeTimer_FiresWhenTheClockReachesIt()
    {
        using var harness = new OperatorHarness(Create());
        harness.ProcessElements([(("a", "x"), 100L)]);
        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(999));
        Assert.Empty(harness.OutputElements<string>());
        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["a:processing"], harness.OutputElements<string>());
    }

    [Fact]
    public void SnapshotRestore_MidStream_KeepsValueListMapStateAndTimers()
    {
        OperatorSnapshot snapshot;
        List<string> expected;
        using (var reference = new OperatorHarness(Create()))
        {
            reference.ProcessElements([(("a", "x"), 100L), (("b", "y"), 101L), (("a", "z"), 102L)]);
            reference.ProcessElements([(("a", "x"), 103L), (("b", "y"), 104L)]);
            reference.ProcessWatermark(200);
            expected = reference.OutputElements<string>();
        }

        using (var first = new OperatorHarness(Create()))
        {
            first.ProcessElements([(("a", "x"), 100L), (("b", "y"), 101L), (("a", "z"), 102L)]);
            snapshot = first.Snapshot(1);
        }

        using var restored = new OperatorHarness(Create(), restoreFrom: [snapshot]);
        restored.ProcessElements([(("a", "x"), 103L), (("b", "y"), 104L)]);
        restored.ProcessWatermark(200);
        Assert.Equal(expected, restored.OutputElements<string>());
    }

    [Fact]
    public void SnapshotRestore_AtHigherParallelism_TimersMoveWithTheirKeys()
    {
        OperatorSnapshot snapshot;
        var keys = Enumerable.Range(0, 40).Select(i => $"k{i}").ToList();
        using (var first = new OperatorHarness(Create()))
        {
            first.ProcessElements(keys.Select((k, i) => ((k, "w"), 100L + i)));
            snapshot = first.Snapshot(1);
        }

        var fired = new List<string>();
        for (var subtask = 0; subtask < 3; subtask++)
        {
            using var restored = new OperatorHarness(Create(), parallelism: 3, subtaskIndex: subtask, restoreFrom: [snapshot]);
            restored.ProcessWatermark(long.MaxValue - 1);
            fired.AddRange(restored.OutputElements<string>());
        }

        Assert.Equal(keys.Select((k, i) => $"{k}@{110 + i}:1:w:w=1").Order(), fired.Order());
    }

    [Fact]
    public void ProcessingTimers_AcrossARestore_StillFire()
    {
        OperatorSnapshot snapshot;
        var time = new ManualTimeProvider();
        using (var first = new OperatorHarness(Create(), timeProvider: time))
        {
            first.ProcessElements([(("a", "x"), 100L)]);
            snapshot = first.Snapshot(1);
        }

        using var restored = new OperatorHarness(Create(), timeProvider: time, restoreFrom: [snapshot]);
        restored.Open();
        restored.AdvanceProcessingTime(TimeSpan.FromSeconds(1));
        Assert.Equal(["a:processing"], restored.OutputElements<string>());
    }
}
