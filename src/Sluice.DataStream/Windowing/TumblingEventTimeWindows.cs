using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// Fixed-size, non-overlapping event-time windows <c>[start, start + size)</c> with
/// <c>start = ts - ((ts - offset) mod size)</c>; fired by an <see cref="EventTimeTrigger"/> when the watermark passes
/// the window's end.
/// </summary>
public sealed class TumblingEventTimeWindows : WindowAssigner
{
    private readonly long _size;
    private readonly long _offset;

    private TumblingEventTimeWindows(long size, long offset)
    {
        _size = size;
        _offset = offset;
    }

    /// <summary>Windows of <paramref name="size"/>, shifted by <paramref name="offset"/> (|offset| &lt; size; e.g. a time zone).</summary>
    public static TumblingEventTimeWindows Of(TimeSpan size, TimeSpan offset = default)
    {
        var s = Milliseconds(size, nameof(size));
        var o = offset.Ticks / TimeSpan.TicksPerMillisecond;
        if (offset.Ticks % TimeSpan.TicksPerMillisecond != 0 || Math.Abs(o) >= s)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset must be whole milliseconds with |offset| < size.");
        }

        return new TumblingEventTimeWindows(s, o);
    }

    /// <inheritdoc />
    public override bool IsEventTime => true;

    /// <inheritdoc />
    public override Trigger DefaultTrigger => EventTimeTrigger.Create();

    /// <inheritdoc />
    public override void AssignWindows(long timestamp, List<TimeWindow> windows)
    {
        var start = TimeWindow.StartOf(timestamp, _offset, _size);
        windows.Add(new TimeWindow(start, start + _size));
    }
}
