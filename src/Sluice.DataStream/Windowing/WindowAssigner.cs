using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// Assigns every element of a keyed stream to zero or more windows (<see cref="TimeWindow"/>s); used with
/// <see cref="KeyedStream{TKey, T}.Window"/>. Event-time assigners use the element's event time, processing-time
/// assigners the operator's clock (the job's <see cref="TimeProvider"/>).
/// </summary>
/// <remarks><b>Threading.</b> Shared by the subtasks of the window operator: implementations must be stateless.</remarks>
public abstract class WindowAssigner
{
    /// <summary>Creates the assigner.</summary>
    protected WindowAssigner()
    {
    }

    /// <summary>Whether windows are defined by event time (true) or processing time (false).</summary>
    public abstract bool IsEventTime { get; }

    /// <summary>Whether windows may merge (session windows): overlapping windows of a key are merged into one.</summary>
    public virtual bool IsMerging => false;

    /// <summary>The trigger used when <see cref="WindowedStream{TKey, T}.Trigger"/> is not called.</summary>
    public abstract Trigger DefaultTrigger { get; }

    /// <summary>
    /// Adds the windows of an element to <paramref name="windows"/> (the list is empty and reused; do not keep it).
    /// <paramref name="timestamp"/> is the element's event time for event-time assigners and the current processing
    /// time for processing-time ones.
    /// </summary>
    public abstract void AssignWindows(long timestamp, List<TimeWindow> windows);

    /// <summary>Converts a window length to whole milliseconds; throws when it is not positive or not whole.</summary>
    private protected static long Milliseconds(TimeSpan value, string name, bool allowZero = false)
    {
        if (value.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"{name} must be a whole number of milliseconds; it is {value}.", name);
        }

        var ms = value.Ticks / TimeSpan.TicksPerMillisecond;
        if (ms < 0 || (ms == 0 && !allowZero))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }

        return ms;
    }
}
