using Sluice.Core.Batches;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Time;
using Sluice.State.Keyed;
using Sluice.State.Timers;
using Sluice.Testing;

namespace Sluice.Runtime.Tests.Time;

/// <summary>
/// The keyless <see cref="ProcessingTimeService"/> and <see cref="TimerService{TKey, TNamespace}.FireAllProcessingTimeTimers"/>.
/// </summary>
public class ProcessingTimeServiceTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly long StartMillis = Start.ToUnixTimeMilliseconds();

    [Fact]
    public void KeylessCallback_ClockReachesItsTime_RunsOnceWithItsTime()
    {
        var probe = new KeylessProbe();
        using var harness = new OperatorHarness(probe, timeProvider: new ManualTimeProvider(Start)).Open();
        harness.ProcessElements<long>([(StartMillis + 1_000, 0L), (StartMillis + 300, 0L)]);

        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(299));
        Assert.Empty(harness.OutputElements<long>());
        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(1));
        Assert.Equal([StartMillis + 300], harness.OutputElements<long>());

        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(5));
        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(5));
        Assert.Equal([StartMillis + 300, StartMillis + 1_000], harness.OutputElements<long>());
        Assert.Equal(0, probe.Service!.PendingCount);
    }

    [Fact]
    public void KeylessCallback_CancelledBeforeItsTime_NeverRuns()
    {
        var probe = new KeylessProbe();
        using var harness = new OperatorHarness(probe, timeProvider: new ManualTimeProvider(Start)).Open();
        harness.ProcessElements<long>([(StartMillis + 1_000, 0L), (StartMillis + 2_000, 0L)]);

        probe.Handles[0].Dispose();
        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(3));

        Assert.Equal([StartMillis + 2_000], harness.OutputElements<long>());
    }

    [Fact]
    public void KeylessCallback_OperatorDisposedFirst_IsCancelled()
    {
        var time = new ManualTimeProvider(Start);
        var probe = new KeylessProbe();
        var harness = new OperatorHarness(probe, timeProvider: time).Open();
        harness.ProcessElements<long>([(StartMillis + 1_000, 0L)]);

        harness.Dispose();

        Assert.Equal(0, probe.Service!.PendingCount);
    }

    [Fact]
    public void FireAllProcessingTimeTimers_FiresEveryPendingTimerInTimestampOrderWithItsKey()
    {
        var probe = new KeyedProbe();
        using var harness = new OperatorHarness(probe, timeProvider: new ManualTimeProvider(Start)).Open();
        harness.ProcessElements<(long Key, long At)>([((Key: 7L, At: StartMillis + 60_000), 0L), ((Key: 3L, At: StartMillis + 5_000), 0L), ((Key: 9L, At: StartMillis + 1_000_000), 0L)]);
        Assert.Equal(3, probe.Timers!.ProcessingTimerCount);

        probe.Timers.FireAllProcessingTimeTimers();

        Assert.Equal([(3L, StartMillis + 5_000, 3L), (7L, StartMillis + 60_000, 7L), (9L, StartMillis + 1_000_000, 9L)],
            harness.OutputElements<(long Key, long At, long CurrentKey)>());
        Assert.Equal(0, probe.Timers.ProcessingTimerCount);

        // Nothing is left to fire when the clock passes their times.
        harness.AdvanceProcessingTime(TimeSpan.FromHours(1));
        Assert.Equal(3, harness.OutputElements<(long, long, long)>().Count);
    }

    /// <summary>Registers a keyless callback per input element (its time); each callback emits its time.</summary>
    private sealed class KeylessProbe : StreamOperator
    {
        public ProcessingTimeService? Service { get; private set; }

        public List<IDisposable> Handles { get; } = [];

        public override void Open(OperatorContext context)
        {
            base.Open(context);
            Service = context.ProcessingTimeService;
        }

        public override void ProcessBatch(IBatch batch, IOutput output)
        {
            foreach (var time in ((ElementBatch<long>)batch).Items)
            {
                Handles.Add(Service!.RegisterTimer(time, (at, o) =>
                {
                    var fired = new ElementBatch<long>(1);
                    fired.Add(at);
                    o.Collect(fired);
                }));
            }

            batch.Dispose();
        }
    }

    /// <summary>Registers a keyed processing-time timer per input element; each firing emits (key, time, current key).</summary>
    private sealed class KeyedProbe : StreamOperator, ITimerCallback<long, VoidNamespace>
    {
        private IKeyedStateBackend<long>? _backend;

        public TimerService<long, VoidNamespace>? Timers { get; private set; }

        public override void Open(OperatorContext context)
        {
            base.Open(context);
            _backend = context.GetKeyedStateBackend(Serializers.Int64, Core.Keys.KeyHashers.Int64);
            Timers = context.GetTimerService("probe", VoidNamespace.Serializer, this);
        }

        public override void ProcessBatch(IBatch batch, IOutput output)
        {
            foreach (var (key, at) in ((ElementBatch<(long Key, long At)>)batch).Items)
            {
                _backend!.SetCurrentKey(key);
                Timers!.RegisterProcessingTimeTimer(VoidNamespace.Instance, at);
            }

            batch.Dispose();
        }

        public void OnEventTime(TimerEntry<long, VoidNamespace> timer, IOutput output) => throw new InvalidOperationException("No event-time timers.");

        public void OnProcessingTime(TimerEntry<long, VoidNamespace> timer, IOutput output)
        {
            var fired = new ElementBatch<(long, long, long)>(1);
            fired.Add((timer.Key, timer.Timestamp, _backend!.CurrentKey));
            output.Collect(fired);
        }
    }
}
