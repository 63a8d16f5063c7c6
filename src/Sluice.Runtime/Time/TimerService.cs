using Sluice.Runtime.Operators;
using Sluice.State.Keyed;
using Sluice.State.Timers;

namespace Sluice.Runtime.Time;

/// <summary>
/// Event-time and processing-time timers per key and namespace, checkpointed with the keyed state (the timer
/// queues live in the keyed state backend, per key group, so they move with their keys on rescaling).
/// </summary>
/// <remarks>
/// <b>Threading.</b> Task thread only. Event-time timers fire when the operator's watermark passes them, before
/// the operator sees the watermark. Processing-time timers fire from a mail posted by a <see cref="TimeProvider"/>
/// timer, so they too run on the task thread between batches.
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TNamespace">The namespace type.</typeparam>
public sealed class TimerService<TKey, TNamespace> : ITimerServiceDriver
    where TKey : notnull
{
    private readonly IKeyedStateBackend<TKey> _backend;
    private readonly KeyGroupedTimerQueue<TKey, TNamespace> _eventTimers;
    private readonly KeyGroupedTimerQueue<TKey, TNamespace> _processingTimers;
    private readonly ITimerCallback<TKey, TNamespace> _callback;
    private readonly IOutput _output;
    private readonly TimeProvider _timeProvider;
    private readonly Action<Action> _postMail;
    private ITimer? _wakeUp;
    private long _wakeUpAt = long.MaxValue;

    internal TimerService(IKeyedStateBackend<TKey> backend, KeyGroupedTimerQueue<TKey, TNamespace> eventTimers,
        KeyGroupedTimerQueue<TKey, TNamespace> processingTimers, ITimerCallback<TKey, TNamespace> callback, IOutput output,
        TimeProvider timeProvider, Action<Action> postMail)
    {
        _backend = backend;
        _eventTimers = eventTimers;
        _processingTimers = processingTimers;
        _callback = callback;
        _output = output;
        _timeProvider = timeProvider;
        _postMail = postMail;
    }

    /// <summary>The operator's current watermark.</summary>
    public long CurrentWatermark { get; private set; } = long.MinValue;

    /// <summary>The current processing time, epoch milliseconds.</summary>
    public long CurrentProcessingTime => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The number of pending event-time timers.</summary>
    public int EventTimerCount => _eventTimers.Count;

    /// <summary>Registers an event-time timer for the current key (a duplicate is ignored).</summary>
    public void RegisterEventTimeTimer(TNamespace ns, long time) => _eventTimers.Add(_backend.CurrentKey, ns, time);

    /// <summary>Deletes an event-time timer of the current key.</summary>
    public void DeleteEventTimeTimer(TNamespace ns, long time) => _eventTimers.Remove(_backend.CurrentKey, ns, time);

    /// <summary>Registers a processing-time timer for the current key.</summary>
    public void RegisterProcessingTimeTimer(TNamespace ns, long time)
    {
        if (_processingTimers.Add(_backend.CurrentKey, ns, time) && time < _wakeUpAt)
        {
            Schedule(time);
        }
    }

    /// <summary>Deletes a processing-time timer of the current key.</summary>
    public void DeleteProcessingTimeTimer(TNamespace ns, long time) => _processingTimers.Remove(_backend.CurrentKey, ns, time);

    /// <summary>The number of pending processing-time timers.</summary>
    public int ProcessingTimerCount => _processingTimers.Count;

    /// <summary>
    /// Fires every pending processing-time timer now, whatever its timestamp, in timestamp order (each with its key as
    /// the current key), as if processing time had reached the end of time: how an operator that fires processing-time
    /// timers emits what they would have emitted when its bounded input ends (call it from
    /// <see cref="StreamOperator.Finish"/>). Timers the callbacks register meanwhile fire too.
    /// </summary>
    public void FireAllProcessingTimeTimers() => ((ITimerServiceDriver)this).FireProcessingTimers(long.MaxValue);

    void ITimerServiceDriver.AdvanceWatermark(long watermark)
    {
        CurrentWatermark = watermark;
        while (_eventTimers.TryPeekTimestamp(out var next) && next <= watermark)
        {
            var timer = _eventTimers.Poll();
            _backend.SetCurrentKey(timer.Key);
            _callback.OnEventTime(timer, _output);
        }
    }

    void ITimerServiceDriver.FireProcessingTimers(long now)
    {
        _wakeUpAt = long.MaxValue;
        while (_processingTimers.TryPeekTimestamp(out var next) && next <= now)
        {
            var timer = _processingTimers.Poll();
            _backend.SetCurrentKey(timer.Key);
            _callback.OnProcessingTime(timer, _output);
        }

        ((ITimerServiceDriver)this).ScheduleNextProcessingTimer();
    }

    void ITimerServiceDriver.ScheduleNextProcessingTimer()
    {
        if (_processingTimers.TryPeekTimestamp(out var next) && next < _wakeUpAt)
        {
            Schedule(next);
        }
    }

    void ITimerServiceDriver.Stop()
    {
        _wakeUp?.Dispose();
        _wakeUp = null;
    }

    private void Schedule(long time)
    {
        _wakeUp?.Dispose();
        _wakeUpAt = time;
        var delay = TimeSpan.FromMilliseconds(Math.Max(0, time - CurrentProcessingTime));
        _wakeUp = _timeProvider.CreateTimer(
            _ => _postMail(() => ((ITimerServiceDriver)this).FireProcessingTimers(CurrentProcessingTime)),
            null, delay, Timeout.InfiniteTimeSpan);
    }
}
