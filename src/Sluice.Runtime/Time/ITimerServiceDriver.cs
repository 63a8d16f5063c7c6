namespace Sluice.Runtime.Time;

/// <summary>What the task needs to drive a timer service, whatever its key and namespace types.</summary>
internal interface ITimerServiceDriver
{
    /// <summary>Fires every event-time timer at or below <paramref name="watermark"/>.</summary>
    void AdvanceWatermark(long watermark);

    /// <summary>Fires every processing-time timer at or below <paramref name="now"/> and schedules the next wake-up.</summary>
    void FireProcessingTimers(long now);

    /// <summary>Schedules the wake-up for the earliest processing-time timer (after a restore).</summary>
    void ScheduleNextProcessingTimer();

    /// <summary>Cancels the pending wake-up.</summary>
    void Stop();
}
