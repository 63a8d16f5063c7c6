using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// One window per key spanning all time (<see cref="Window"/>); its default trigger never fires, so use it with a
/// custom trigger such as <see cref="CountTrigger"/>. Its state is never cleaned up by time.
/// </summary>
public sealed class GlobalWindows : WindowAssigner
{
    private static readonly GlobalWindows Instance = new();

    private GlobalWindows()
    {
    }

    /// <summary>The global window: <c>[long.MinValue, long.MaxValue)</c>.</summary>
    public static TimeWindow Window { get; } = new(long.MinValue, long.MaxValue);

    /// <summary>The assigner.</summary>
    public static GlobalWindows Create() => Instance;

    /// <inheritdoc />
    public override bool IsEventTime => false;

    /// <inheritdoc />
    public override Trigger DefaultTrigger => NeverTrigger.Instance;

    /// <inheritdoc />
    public override void AssignWindows(long timestamp, List<TimeWindow> windows) => windows.Add(Window);
}
