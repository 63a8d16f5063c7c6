using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// Decides when a window's function runs (<see cref="TriggerResult.Fire"/>) and when its contents are dropped
/// (<see cref="TriggerResult.Purge"/>), from elements, event-time and processing-time timers it registers through the
/// <see cref="TriggerContext"/>. Trigger state (<c>TriggerContext.GetValueState</c>) and timers are kept per
/// key and window, checkpointed with the window's contents.
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> One instance is shared by all windows and keys of a subtask (and by the subtasks): keep no
/// mutable fields; use trigger state.</para>
/// <para><b>Cleanup.</b> The operator clears a window (contents, then <see cref="Clear"/>) at its end plus the allowed
/// lateness; <see cref="Clear"/> must delete the trigger's timers and state.</para>
/// </remarks>
public abstract class Trigger
{
    /// <summary>Creates the trigger.</summary>
    protected Trigger()
    {
    }

    /// <summary>Whether the trigger supports merging windows (session windows); then <see cref="OnMerge"/> must be overridden.</summary>
    public virtual bool CanMerge => false;

    /// <summary>An element with event time <paramref name="timestamp"/> (or none: <c>long.MinValue</c>) was added to <paramref name="window"/>.</summary>
    public abstract TriggerResult OnElement(long timestamp, TimeWindow window, TriggerContext context);

    /// <summary>An event-time timer of <paramref name="window"/> fired at <paramref name="time"/>.</summary>
    public abstract TriggerResult OnEventTime(long time, TimeWindow window, TriggerContext context);

    /// <summary>A processing-time timer of <paramref name="window"/> fired at <paramref name="time"/>.</summary>
    public abstract TriggerResult OnProcessingTime(long time, TimeWindow window, TriggerContext context);

    /// <summary>
    /// Windows were merged into <paramref name="window"/> (their triggers were cleared already): register the timers
    /// the merged window needs.
    /// </summary>
    public virtual void OnMerge(TimeWindow window, TriggerContext context) =>
        throw new NotSupportedException($"The trigger {GetType().Name} does not support merging windows.");

    /// <summary>The window is removed: delete the timers and state of the trigger for it.</summary>
    public abstract void Clear(TimeWindow window, TriggerContext context);
}
