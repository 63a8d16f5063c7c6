using Sluice.DataStream;
using Sluice.DataStream.Watermarks;

namespace ShippingReport;

/// <summary>The shipping report as a DataStream program.</summary>
public static class ShippingJob
{
    /// <summary>
    /// Computes the final report from the CSV files in <paramref name="dataDirectory"/> at <paramref name="parallelism"/>:
    /// the updates of each package's row are collected, and the last one per package is its final row.
    /// </summary>
    public static async Task<IReadOnlyList<ReportRow>> RunAsync(string dataDirectory, int parallelism = 1, CancellationToken cancellationToken = default)
    {
        var env = new StreamExecutionEnvironment(new StreamExecutionOptions { Parallelism = parallelism });

        var events = env.FromCollection(
                Csv.DataLines(Path.Combine(dataDirectory, "ship_events.csv")).Select(ShipEvent.Parse),
                WatermarkStrategy<ShipEvent>.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(5)).WithTimestampAssigner(e => e.EventTime))
            .Uid("ship-events");
        var routes = env.FromCollection(Csv.DataLines(Path.Combine(dataDirectory, "ship_routes.csv")).Select(ShipRoute.Parse))
            .Uid("ship-routes");

        var latest = events
            .KeyBy(e => e.TrackingNumber)
            .Process(new LatestEventFunction())
            .Uid("latest-event-per-package");

        var report = latest
            .KeyBy(e => e.TrackingNumber)
            .Connect(routes.KeyBy(r => r.TrackingNumber))
            .Process(new RouteJoinFunction())
            .Uid("left-join-routes");

        var updates = await env.ExecuteAndCollectAsync(report, "shipping-report", cancellationToken);

        // Materialize the updates: each package's rows come from one subtask, in order, so its last row is final.
        return updates.GroupBy(r => r.TrackingNumber).Select(g => g.Last()).OrderBy(r => r.TrackingNumber).ToList();
    }

    /// <summary>The report as the Markdown table of examples/shipping/README.md.</summary>
    public static IEnumerable<string> Format(IEnumerable<ReportRow> rows)
    {
        yield return "| trackingNumber | city | statusDescription | currentStopId | endStopId | remainingStops |";
        yield return "| ---: | --- | --- | ---: | ---: | ---: |";
        foreach (var row in rows)
        {
            yield return row.ToMarkdown();
        }
    }
}
