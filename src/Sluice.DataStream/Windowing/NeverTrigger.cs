using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>The default trigger of <see cref="GlobalWindows"/>: never fires.</summary>
internal sealed class NeverTrigger : Trigger
{
    public static readonly NeverTrigger Instance = new();

    public override bool CanMerge => true;

    public override TriggerResult OnElement(long timestamp, TimeWindow window, TriggerContext context) => TriggerResult.Continue;

    public override TriggerResult OnEventTime(long time, TimeWindow window, TriggerContext context) => TriggerResult.Continue;

    public override TriggerResult OnProcessingTime(long time, TimeWindow window, TriggerContext context) => TriggerResult.Continue;

    public override void OnMerge(TimeWindow window, TriggerContext context)
    {
    }

    public override void Clear(TimeWindow window, TriggerContext context)
    {
    }
}
