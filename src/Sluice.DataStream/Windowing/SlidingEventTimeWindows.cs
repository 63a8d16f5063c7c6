using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// Event-time windows of a fixed size that start every <c>slide</c>: an element falls into <c>size / slide</c> windows
/// (rounded up); fired by an <see cref="EventTimeTrigger"/>.
/// </summary>
public sealed class SlidingEventTimeWindows : WindowAssigner
{
    private readonly long _size;
    private readonly long _slide;
    private readonly long _offset;

    private SlidingEventTimeWindows(long size, long slide, long offset)
    {
        _size = size;
        _slide = slide;
        _offset = offset;
    }

    /// <summary>Windows of <paramref name="size"/> starting every <paramref name="slide"/>, shifted by <paramref name="offset"/> (|offset| &lt; slide).</summary>
    public static SlidingEventTimeWindows Of(TimeSpan size, TimeSpan slide, TimeSpan offset = default)
    {
        var (s, sl, o) = SlidingWindows.Validate(size, slide, offset);
        return new SlidingEventTimeWindows(s, sl, o);
    }

    /// <inheritdoc />
    public override bool IsEventTime => true;

    /// <inheritdoc />
    public override Trigger DefaultTrigger => EventTimeTrigger.Create();

    /// <inheritdoc />
    public override void AssignWindows(long timestamp, List<TimeWindow> windows) =>
        SlidingWindows.Assign(timestamp, _size, _slide, _offset, windows);
}
