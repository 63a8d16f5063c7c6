using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// Event-time session windows: every element opens a window <c>[ts, ts + gap)</c>, and overlapping windows of a key
/// merge, so a session ends after a gap without elements; fired by an <see cref="EventTimeTrigger"/>.
/// </summary>
public sealed class EventTimeSessionWindows : WindowAssigner
{
    private readonly long _gap;

    private EventTimeSessionWindows(long gap) => _gap = gap;

    /// <summary>Sessions that end after <paramref name="gap"/> of inactivity.</summary>
    public static EventTimeSessionWindows WithGap(TimeSpan gap) => new(Milliseconds(gap, nameof(gap)));

    /// <inheritdoc />
    public override bool IsEventTime => true;

    /// <inheritdoc />
    public override bool IsMerging => true;

    /// <inheritdoc />
    public override Trigger DefaultTrigger => EventTimeTrigger.Create();

    /// <inheritdoc />
    public override void AssignWindows(long timestamp, List<TimeWindow> windows) => windows.Add(new TimeWindow(timestamp, timestamp + _gap));
}
