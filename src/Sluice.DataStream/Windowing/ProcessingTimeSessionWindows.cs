using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// Processing-time session windows: a window <c>[now, now + gap)</c> per element, merged when they overlap; fired by a
/// <see cref="ProcessingTimeTrigger"/>.
/// </summary>
public sealed class ProcessingTimeSessionWindows : WindowAssigner
{
    private readonly long _gap;

    private ProcessingTimeSessionWindows(long gap) => _gap = gap;

    /// <summary>Sessions that end after <paramref name="gap"/> of inactivity.</summary>
    public static ProcessingTimeSessionWindows WithGap(TimeSpan gap) => new(Milliseconds(gap, nameof(gap)));

    /// <inheritdoc />
    public override bool IsEventTime => false;

    /// <inheritdoc />
    public override bool IsMerging => true;

    /// <inheritdoc />
    public override Trigger DefaultTrigger => ProcessingTimeTrigger.Create();

    /// <inheritdoc />
    public override void AssignWindows(long timestamp, List<TimeWindow> windows) => windows.Add(new TimeWindow(timestamp, timestamp + _gap));
}
