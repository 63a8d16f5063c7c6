using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// Fires a window once the watermark passes its end (<see cref="TimeWindow.MaxTimestamp"/>), and again for every
/// element added later within the allowed lateness. The default trigger of event-time assigners; supports merging.
/// </summary>
public sealed class EventTimeTrigger : Trigger
{
    private static readonly EventTimeTrigger Instance = new();

    private EventTimeTrigger()
    {
    }

    /// <summary>The trigger.</summary>
    public static EventTimeTrigger Create() => Instance;

    /// <inheritdoc />
    public override bool CanMerge => true;

    /// <inheritdoc />
    public override TriggerResult OnElement(long timestamp, TimeWindow window, TriggerContext context)
    {
        if (window.MaxTimestamp <= context.CurrentWatermark)
        {
            // The window already fired and the element is within the allowed lateness: fire with it at once.
            return TriggerResult.Fire;
        }

        context.RegisterEventTimeTimer(window.MaxTimestamp);
        return TriggerResult.Continue;
    }

    /// <inheritdoc />
    public override TriggerResult OnEventTime(long time, TimeWindow window, TriggerContext context) =>
        time == window.MaxTimestamp ? TriggerResult.Fire : TriggerResult.Continue;

    /// <inheritdoc />
    public override TriggerResult OnProcessingTime(long time, TimeWindow window, TriggerContext context) => TriggerResult.Continue;

    /// <inheritdoc />
    public override void OnMerge(TimeWindow window, TriggerContext context)
    {
        if (window.MaxTimestamp > context.CurrentWatermark)
        {
            context.RegisterEventTimeTimer(window.MaxTimestamp);
        }
    }

    /// <inheritdoc />
    public override void Clear(TimeWindow window, TriggerContext context) => context.DeleteEventTimeTimer(window.MaxTimestamp);
}
