namespace Sluice.DataStream.Functions;

/// <summary>
/// Timers of the current key in a keyed function. Timers are part of the checkpoint and move with their key groups
/// on rescaling; a duplicate registration (same key and time) is ignored. Times are epoch milliseconds.
/// </summary>
public interface ITimerService
{
    /// <summary>The operator's current event-time watermark.</summary>
    long CurrentWatermark { get; }

    /// <summary>The current processing time, from the job's <see cref="TimeProvider"/>.</summary>
    long CurrentProcessingTime { get; }

    /// <summary>Registers an event-time timer for the current key: it fires once the watermark reaches <paramref name="time"/>.</summary>
    void RegisterEventTimeTimer(long time);

    /// <summary>Registers a processing-time timer for the current key.</summary>
    void RegisterProcessingTimeTimer(long time);

    /// <summary>Deletes an event-time timer of the current key.</summary>
    void DeleteEventTimeTimer(long time);

    /// <summary>Deletes a processing-time timer of the current key.</summary>
    void DeleteProcessingTimeTimer(long time);
}
