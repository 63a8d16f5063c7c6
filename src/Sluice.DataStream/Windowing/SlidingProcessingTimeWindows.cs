using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// Processing-time windows of a fixed size that start every <c>slide</c>; fired by a <see cref="ProcessingTimeTrigger"/>.
/// </summary>
public sealed class SlidingProcessingTimeWindows : WindowAssigner
{
    private readonly long _size;
    private readonly long _slide;
    private readonly long _offset;

    private SlidingProcessingTimeWindows(long size, long slide, long offset)
    {
        _size = size;
        _slide = slide;
        _offset = offset;
    }

    /// <summary>Windows of <paramref name="size"/> starting every <paramref name="slide"/>, shifted by <paramref name="offset"/> (|offset| &lt; slide).</summary>
    public static SlidingProcessingTimeWindows Of(TimeSpan size, TimeSpan slide, TimeSpan offset = default)
    {
        var (s, sl, o) = SlidingWindows.Validate(size, slide, offset);
        return new SlidingProcessingTimeWindows(s, sl, o);
    }

    /// <inheritdoc />
    public override bool IsEventTime => false;

    /// <inheritdoc />
    public override Trigger DefaultTrigger => ProcessingTimeTrigger.Create();

    /// <inheritdoc />
    public override void AssignWindows(long timestamp, List<TimeWindow> windows) =>
        SlidingWindows.Assign(timestamp, _size, _slide, _offset, windows);
}
