using Sluice.DataStream.Functions;
using Sluice.State.Keyed;

namespace ShippingReport;

/// <summary>
/// The LEFT JOIN of latest events with routes, keyed by trackingNumber: both sides are kept in value state, and the
/// package's report row is emitted again whenever either side changes (a row without a route has a null end stop).
/// </summary>
public sealed class RouteJoinFunction : KeyedCoProcessFunction<long, ShipEvent, ShipRoute, ReportRow>
{
    private IValueState<ShipEvent>? _event;
    private IValueState<ShipRoute>? _route;

    public override void Open(RuntimeContext context)
    {
        _event = context.GetValueState<ShipEvent>("event");
        _route = context.GetValueState<ShipRoute>("route");
    }

    public override void ProcessElement1(ShipEvent value, KeyedProcessContext<long> context, Collector<ReportRow> output)
    {
        _event!.Update(value);
        output.Collect(Row(value, _route!.TryGet(out var route) ? route : null));
    }

    public override void ProcessElement2(ShipRoute value, KeyedProcessContext<long> context, Collector<ReportRow> output)
    {
        _route!.Update(value);
        if (_event!.TryGet(out var latest))
        {
            output.Collect(Row(latest, value));
        }
    }

    private static ReportRow Row(ShipEvent e, ShipRoute? r) => new(e.TrackingNumber, e.City, e.StatusDescription, e.CurrentStopId, r?.EndStopId);
}
