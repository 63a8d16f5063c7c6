using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>Wraps a trigger and turns every <see cref="TriggerResult.Fire"/> into <see cref="TriggerResult.FireAndPurge"/>.</summary>
public sealed class PurgingTrigger : Trigger
{
    private readonly Trigger _inner;

    private PurgingTrigger(Trigger inner) => _inner = inner;

    /// <summary>Purges after every firing of <paramref name="trigger"/>.</summary>
    public static PurgingTrigger Of(Trigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return new PurgingTrigger(trigger);
    }

    /// <inheritdoc />
    public override bool CanMerge => _inner.CanMerge;

    /// <inheritdoc />
    public override TriggerResult OnElement(long timestamp, TimeWindow window, TriggerContext context) =>
        Purging(_inner.OnElement(timestamp, window, context));

    /// <inheritdoc />
    public override TriggerResult OnEventTime(long time, TimeWindow window, TriggerContext context) =>
        Purging(_inner.OnEventTime(time, window, context));

    /// <inheritdoc />
    public override TriggerResult OnProcessingTime(long time, TimeWindow window, TriggerContext context) =>
        Purging(_inner.OnProcessingTime(time, window, context));

    /// <inheritdoc />
    public override void OnMerge(TimeWindow window, TriggerContext context) => _inner.OnMerge(window, context);

    /// <inheritdoc />
    public override void Clear(TimeWindow window, TriggerContext context) => _inner.Clear(window, context);

    private static TriggerResult Purging(TriggerResult result) =>
        result is TriggerResult.Fire ? TriggerResult.FireAndPurge : result;
}
