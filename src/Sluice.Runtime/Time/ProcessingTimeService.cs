using Sluice.Runtime.Operators;

namespace Sluice.Runtime.Time;

/// <summary>
/// Processing-time callbacks of one operator that belong to no key (a mini-batch's latency deadline, a periodic
/// flush): unlike the timers of a <see cref="TimerService{TKey, TNamespace}"/> they are not checkpointed, and an
/// operator without keyed state can use them.
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> Register and cancel on the task thread. A callback runs on the task thread too, between two
/// batches (a mail posted when the injected <see cref="TimeProvider"/>'s timer elapses), never concurrently with the
/// operator's other methods.</para>
/// <para><b>Lifecycle.</b> Created by <see cref="OperatorContext.ProcessingTimeService"/>; pending callbacks are
/// cancelled when the operator's state is released (end of the attempt), and a callback never runs after its timer was
/// disposed.</para>
/// </remarks>
public sealed class ProcessingTimeService
{
    private readonly TimeProvider _timeProvider;
    private readonly Action<Action> _postMail;
    private readonly Func<IOutput?> _output;
    private readonly HashSet<Registration> _pending = [];

    internal ProcessingTimeService(TimeProvider timeProvider, Action<Action> postMail, Func<IOutput?> output)
    {
        _timeProvider = timeProvider;
        _postMail = postMail;
        _output = output;
    }

    /// <summary>The current processing time, epoch milliseconds.</summary>
    public long CurrentProcessingTime => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The number of registered callbacks that have neither run nor been cancelled.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>
    /// Runs <paramref name="callback"/> (with <paramref name="time"/> and the operator's output) on the task thread once
    /// processing time reaches <paramref name="time"/> (epoch milliseconds; a time already passed runs at the next
    /// mail). Dispose the returned handle to cancel it.
    /// </summary>
    public IDisposable RegisterTimer(long time, Action<long, IOutput> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var registration = new Registration(this, time, callback);
        _pending.Add(registration);
        var delay = TimeSpan.FromMilliseconds(Math.Max(0, time - CurrentProcessingTime));
        registration.Timer = _timeProvider.CreateTimer(_ => _postMail(registration.Fire), null, delay, Timeout.InfiniteTimeSpan);
        return registration;
    }

    /// <summary>Cancels every pending callback.</summary>
    internal void Stop()
    {
        foreach (var registration in _pending.ToList())
        {
            registration.Dispose();
        }
    }

    private sealed class Registration(ProcessingTimeService owner, long time, Action<long, IOutput> callback) : IDisposable
    {
        private bool _done;

        public ITimer? Timer { get; set; }

        public void Fire()
        {
            if (_done)
            {
                return;
            }

            Dispose();
            var output = owner._output() ?? throw new InvalidOperationException("The operator's output is not connected.");
            callback(time, output);
        }

        public void Dispose()
        {
            if (_done)
            {
                return;
            }

            _done = true;
            Timer?.Dispose();
            owner._pending.Remove(this);
        }
    }
}
