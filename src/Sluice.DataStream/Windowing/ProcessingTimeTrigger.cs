using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// Fires a window when the processing time passes its end. The default trigger of processing-time assigners; supports
/// merging.
/// </summary>
public sealed class ProcessingTimeTrigger : Trigger
{
    private static readonly ProcessingTimeTrigger Instance = new();

    private ProcessingTimeTrigger()
    {
    }

    /// <summary>The trigger.</summary>
    public static ProcessingTimeTrigger Create() => Instance;

    /// <inheritdoc />
    public override bool CanMerge => true;

    /// <inheritdoc />
    public override TriggerResult OnElement(long timestamp, TimeWindow window, TriggerContext context)
    {
        context.RegisterProcessingTimeTimer(window.MaxTimestamp);
        return TriggerResult.Continue;
    }

    /// <inheritdoc />
    public override TriggerResult OnEventTime(long time, TimeWindow window, TriggerContext context) => TriggerResult.Continue;

    /// <inheritdoc />
    public override TriggerResult OnProcessingTime(long time, TimeWindow window, TriggerContext context) => TriggerResult.Fire;

    /// <inheritdoc />
    public override void OnMerge(TimeWindow window, TriggerContext context) => context.RegisterProcessingTimeTimer(window.MaxTimestamp);

    /// <inheritdoc />
    public override void Clear(TimeWindow window, TriggerContext context) => context.DeleteProcessingTimeTimer(window.MaxTimestamp);
}
