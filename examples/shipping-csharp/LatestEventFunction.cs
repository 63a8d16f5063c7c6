using Sluice.DataStream.Functions;
using Sluice.State.Keyed;

namespace ShippingReport;

/// <summary>
/// Deduplication: keeps each package's latest event by occurredAt in value state, and emits it whenever it changes
/// (the DataStream version of <c>ROW_NUMBER() OVER (PARTITION BY trackingNumber ORDER BY occurredAt DESC) = 1</c>).
/// </summary>
public sealed class LatestEventFunction : KeyedProcessFunction<long, ShipEvent, ShipEvent>
{
    private IValueState<ShipEvent>? _latest;

    public override void Open(RuntimeContext context) => _latest = context.GetValueState<ShipEvent>("latest-event");

    public override void ProcessElement(ShipEvent value, KeyedProcessContext<long> context, Collector<ShipEvent> output)
    {
        if (_latest!.TryGet(out var latest) && latest.OccurredAt >= value.OccurredAt)
        {
            return;
        }

        _latest.Update(value);
        output.Collect(value);
    }
}
