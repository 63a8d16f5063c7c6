using Sluice.Core.Serialization;
using Sluice.Runtime.Operators.Windowing;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// Fires a window every <c>n</c> elements (the count is kept in trigger state per key and window, and reset when it
/// fires). Use <see cref="PurgingTrigger"/> to drop the contents after every firing.
/// </summary>
public sealed class CountTrigger : Trigger
{
    private static readonly ValueStateDescriptor<long> CountState = new("count", Serializers.Int64);
    private readonly long _count;

    private CountTrigger(long count) => _count = count;

    /// <summary>Fires every <paramref name="count"/> elements.</summary>
    public static CountTrigger Of(long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new CountTrigger(count);
    }

    /// <inheritdoc />
    public override TriggerResult OnElement(long timestamp, TimeWindow window, TriggerContext context)
    {
        var state = context.GetValueState(CountState);
        var n = state.Value() + 1;
        if (n >= _count)
        {
            state.Clear();
            return TriggerResult.Fire;
        }

        state.Update(n);
        return TriggerResult.Continue;
    }

    /// <inheritdoc />
    public override TriggerResult OnEventTime(long time, TimeWindow window, TriggerContext context) => TriggerResult.Continue;

    /// <inheritdoc />
    public override TriggerResult OnProcessingTime(long time, TimeWindow window, TriggerContext context) => TriggerResult.Continue;

    /// <inheritdoc />
    public override void Clear(TimeWindow window, TriggerContext context) => context.GetValueState(CountState).Clear();
}
