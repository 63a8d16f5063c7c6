using Sluice.Core.Batches;
using Sluice.Core.Keys;
using Sluice.Core.Messages;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Time;
using Sluice.State.Keyed;
using Sluice.State.Timers;
using Sluice.Testing;

namespace Sluice.Runtime.Tests.Time;

public class TimerServiceTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly long StartMillis = Start.ToUnixTimeMilliseconds();

    [Fact]
    public void EventTimeTimers_WatermarkPassesThem_FireInTimestampOrderBeforeTheWatermark()
    {
        var probe = new TimerProbeOperator();
        using var harness = new OperatorHarness(probe).Open();
        Register(harness, EventTime(1, 300), EventTime(2, 100), EventTime(3, 200), EventTime(4, 400));

        harness.ProcessWatermark(250);

        Assert.Equal([new Fired(TimeDomain.Event, 2, 100, 2), new Fired(TimeDomain.Event, 3, 200, 3)], harness.OutputElements<Fired>());
        Assert.Equal(["timer 100", "timer 200", "watermark 250"], probe.Log);
        Assert.Equal([250L], harness.OutputWatermarks);
    }

    [Fact]
    public void EventTimeTimers_WatermarkBelowTheirTimestamp_DoNotFire()
    {
        using var harness = new OperatorHarness(new TimerProbeOperator()).Open();
        Register(harness, EventTime(1, 100), EventTime(2, 200));

        harness.ProcessWatermark(99);

        Assert.Empty(harness.OutputElements<Fired>());
        harness.ProcessWatermark(100);
        Assert.Equal([new Fired(TimeDomain.Event, 1, 100, 1)], harness.OutputElements<Fired>());
    }

    [Fact]
    public void EventTimeTimer_RegisteredTwice_FiresOnce()
    {
        using var harness = new OperatorHarness(new TimerProbeOperator()).Open();
        Register(harness, EventTime(7, 100), EventTime(7, 100));
        Register(harness, EventTime(7, 100));

        harness.ProcessWatermark(1_000);
        harness.ProcessWatermark(2_000);

        Assert.Equal([new Fired(TimeDomain.Event, 7, 100, 7)], harness.OutputElements<Fired>());
    }

    [Fact]
    public void EventTimeTimers_SameTimestampDifferentKeys_EachFiresForItsKey()
    {
        using var harness = new OperatorHarness(new TimerProbeOperator()).Open();
        Register(harness, EventTime(1, 100), EventTime(2, 100), EventTime(3, 100));

        harness.ProcessWatermark(100);

        var fired = harness.OutputElements<Fired>();
        Assert.Equal([1L, 2, 3], fired.Select(f => f.Key).Order());
        Assert.All(fired, f => Assert.Equal(f.Key, f.CurrentKey));
    }

    [Fact]
    public void ProcessingTimeTimers_ClockAdvancesPastThem_FireInOrderAndNotBefore()
    {
        var time = new ManualTimeProvider(Start);
        using var harness = new OperatorHarness(new TimerProbeOperator(), timeProvider: time).Open();
        Register(harness, ProcessingTime(1, StartMillis + 2_000), ProcessingTime(2, StartMillis + 1_000));

        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(999));
        Assert.Empty(harness.OutputElements<Fired>());

        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(1));
        Assert.Equal([new Fired(TimeDomain.Processing, 2, StartMillis + 1_000, 2)], harness.OutputElements<Fired>());

        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(5));
        Assert.Equal(
            [new Fired(TimeDomain.Processing, 2, StartMillis + 1_000, 2), new Fired(TimeDomain.Processing, 1, StartMillis + 2_000, 1)],
            harness.OutputElements<Fired>());
    }

    [Fact]
    public void ProcessingTimeTimer_RegisteredTwice_FiresOnce()
    {
        var time = new ManualTimeProvider(Start);
        using var harness = new OperatorHarness(new TimerProbeOperator(), timeProvider: time).Open();
        Register(harness, ProcessingTime(5, StartMillis + 500), ProcessingTime(5, StartMillis + 500));

        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(1));
        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(1));

        Assert.Equal([new Fired(TimeDomain.Processing, 5, StartMillis + 500, 5)], harness.OutputElements<Fired>());
    }

    [Fact]
    public void ProcessingTimeTimer_EarlierOneRegisteredLater_FiresAtItsOwnTime()
    {
        var time = new ManualTimeProvider(Start);
        using var harness = new OperatorHarness(new TimerProbeOperator(), timeProvider: time).Open();
        Register(harness, ProcessingTime(1, StartMillis + 10_000));
        Register(harness, ProcessingTime(2, StartMillis + 1_000));

        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(2));

        Assert.Equal([new Fired(TimeDomain.Processing, 2, StartMillis + 1_000, 2)], harness.OutputElements<Fired>());
    }

    [Fact]
    public void Timers_SnapshotThenRestoreIntoFreshOperator_FireAfterTheRestore()
    {
        OperatorSnapshot snapshot;
        using (var first = new OperatorHarness(new TimerProbeOperator(), timeProvider: new ManualTimeProvider(Start)).Open())
        {
            Register(first, EventTime(1, 100), EventTime(2, 300), ProcessingTime(3, StartMillis + 1_000));
            first.ProcessWatermark(50);
            snapshot = first.Snapshot(checkpointId: 1);
            Assert.Empty(first.OutputElements<Fired>());
        }

        var time = new ManualTimeProvider(Start);
        using var restored = new OperatorHarness(new TimerProbeOperator(), timeProvider: time, restoreFrom: [snapshot]).Open();

        restored.ProcessWatermark(200);
        Assert.Equal([new Fired(TimeDomain.Event, 1, 100, 1)], restored.OutputElements<Fired>());

        restored.AdvanceProcessingTime(TimeSpan.FromSeconds(1));
        restored.ProcessWatermark(300);
        Assert.Equal(
            [
                new Fired(TimeDomain.Event, 1, 100, 1),
                new Fired(TimeDomain.Processing, 3, StartMillis + 1_000, 3),
                new Fired(TimeDomain.Event, 2, 300, 2),
            ],
            restored.OutputElements<Fired>());
    }

    [Fact]
    public void Timers_FiredBeforeSnapshot_DoNotFireAgainAfterRestore()
    {
        OperatorSnapshot snapshot;
        using (var first = new OperatorHarness(new TimerProbeOperator(), timeProvider: new ManualTimeProvider(Start)).Open())
        {
            Register(first, EventTime(1, 100), EventTime(2, 300));
            first.ProcessWatermark(150);
            Assert.Single(first.OutputElements<Fired>());
            snapshot = first.Snapshot(checkpointId: 4);
        }

        using var restored = new OperatorHarness(new TimerProbeOperator(), timeProvider: new ManualTimeProvider(Start),
            restoreFrom: [snapshot]).Open();
        restored.ProcessWatermark(long.MaxValue);

        Assert.Equal([new Fired(TimeDomain.Event, 2, 300, 2)], restored.OutputElements<Fired>());
    }

    [Fact]
    public void EventTimers_RestoredAtHigherParallelism_FireOnlyOnTheSubtaskOwningTheKey()
    {
        const int maxParallelism = 128;
        var keys = Enumerable.Range(1, 40).Select(k => (long)k).ToList();
        OperatorSnapshot snapshot;
        using (var first = new OperatorHarness(new TimerProbeOperator(), maxParallelism: maxParallelism).Open())
        {
            Register(first, keys.Select(k => EventTime(k, 1_000 + k)).ToArray());
            snapshot = first.Snapshot(checkpointId: 2);
        }

        var firedPerSubtask = new List<List<Fired>>();
        for (var subtask = 0; subtask < 3; subtask++)
        {
            using var harness = new OperatorHarness(new TimerProbeOperator(), parallelism: 3, subtaskIndex: subtask,
                maxParallelism: maxParallelism, restoreFrom: [snapshot]).Open();
            harness.ProcessWatermark(long.MaxValue);
            var fired = harness.OutputElements<Fired>();
            var range = KeyGroups.RangeFor(maxParallelism, 3, subtask);
            Assert.All(fired, f => Assert.True(range.Contains(KeyGroups.Assign(KeyHashers.Int64.GetStableHash(f.Key), maxParallelism))));
            firedPerSubtask.Add(fired);
        }

        Assert.Equal(keys, firedPerSubtask.SelectMany(f => f).Select(f => f.Key).Order());
    }

    private static (TimerRequest, long) EventTime(long key, long timestamp) => (new TimerRequest(key, timestamp, TimeDomain.Event), 0);

    private static (TimerRequest, long) ProcessingTime(long key, long timestamp) =>
        (new TimerRequest(key, timestamp, TimeDomain.Processing), 0);

    private static void Register(OperatorHarness harness, params (TimerRequest, long)[] requests) => harness.ProcessElements(requests);

    internal enum TimeDomain
    {
        Event,
        Processing,
    }

    internal readonly record struct TimerRequest(long Key, long Timestamp, TimeDomain Domain);

    /// <summary>A timer that fired: its domain, key and timestamp, and the backend's current key during the callback.</summary>
    internal readonly record struct Fired(TimeDomain Domain, long Key, long Timestamp, long CurrentKey);

    /// <summary>Registers the timers it receives and emits a <see cref="Fired"/> for every timer that fires.</summary>
    private sealed class TimerProbeOperator : StreamOperator, ITimerCallback<long, VoidNamespace>
    {
        private IKeyedStateBackend<long>? _backend;
        private TimerService<long, VoidNamespace>? _timers;

        public List<string> Log { get; } = [];

        public override void Open(OperatorContext context)
        {
            base.Open(context);
            _backend = context.GetKeyedStateBackend(Serializers.Int64, KeyHashers.Int64);
            _timers = context.GetTimerService("probe", VoidNamespace.Serializer, this);
        }

        public override void ProcessBatch(IBatch batch, IOutput output)
        {
            foreach (var request in ((ElementBatch<TimerRequest>)batch).Items)
            {
                _backend!.SetCurrentKey(request.Key);
                if (request.Domain == TimeDomain.Event)
                {
                    _timers!.RegisterEventTimeTimer(VoidNamespace.Instance, request.Timestamp);
                }
                else
                {
                    _timers!.RegisterProcessingTimeTimer(VoidNamespace.Instance, request.Timestamp);
                }
            }

            batch.Dispose();
        }

        public override void ProcessWatermark(Watermark watermark, IOutput output)
        {
            Log.Add($"watermark {watermark.Timestamp}");
            base.ProcessWatermark(watermark, output);
        }

        public void OnEventTime(TimerEntry<long, VoidNamespace> timer, IOutput output) => Emit(TimeDomain.Event, timer, output);

        public void OnProcessingTime(TimerEntry<long, VoidNamespace> timer, IOutput output) => Emit(TimeDomain.Processing, timer, output);

        private void Emit(TimeDomain domain, TimerEntry<long, VoidNamespace> timer, IOutput output)
        {
            Log.Add($"timer {timer.Timestamp}");
            var batch = new ElementBatch<Fired>(1);
            batch.Add(new Fired(domain, timer.Key, timer.Timestamp, _backend!.CurrentKey));
            output.Collect(batch);
        }
    }
}
