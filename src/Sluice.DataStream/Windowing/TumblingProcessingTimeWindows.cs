using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// Fixed-size, non-overlapping processing-time windows: an element falls into the window containing the current
/// processing time; fired by a <see cref="ProcessingTimeTrigger"/> when the clock passes the window's end.
/// </summary>
public sealed class TumblingProcessingTimeWindows : WindowAssigner
{
    private readonly long _size;
    private readonly long _offset;

    private TumblingProcessingTimeWindows(long size, long offset)
    {
        _size = size;
        _offset = offset;
    }

    /// <summary>Windows of <paramref name="size"/>, shifted by <paramref name="offset"/> (|offset| &lt; size).</summary>
    public static TumblingProcessingTimeWindows Of(TimeSpan size, TimeSpan offset = default)
    {
        var s = Milliseconds(size, nameof(size));
        var o = offset.Ticks / TimeSpan.TicksPerMillisecond;
        if (offset.Ticks % TimeSpan.TicksPerMillisecond != 0 || Math.Abs(o) >= s)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset must be whole milliseconds with |offset| < size.");
        }

        return new TumblingProcessingTimeWindows(s, o);
    }

    /// <inheritdoc />
    public override bool IsEventTime => false;

    /// <inheritdoc />
    public override Trigger DefaultTrigger => ProcessingTimeTrigger.Create();

    /// <inheritdoc />
    public override void AssignWindows(long timestamp, List<TimeWindow> windows)
    {
        var start = TimeWindow.StartOf(timestamp, _offset, _size);
        windows.Add(new TimeWindow(start, start + _size));
    }
}
