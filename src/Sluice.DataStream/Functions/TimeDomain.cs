namespace Sluice.DataStream.Functions;

/// <summary>Which clock a timer belongs to.</summary>
public enum TimeDomain
{
    /// <summary>Event time: the timer fires when the watermark passes it.</summary>
    EventTime,

    /// <summary>Processing time: the timer fires when the injected <see cref="TimeProvider"/> reaches it.</summary>
    ProcessingTime,
}
