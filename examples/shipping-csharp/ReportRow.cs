namespace ShippingReport;

/// <summary>One row of the report: a package's latest event, joined with its route when it has one.</summary>
public sealed record ReportRow(long TrackingNumber, string City, string StatusDescription, int CurrentStopId, int? EndStopId)
{
    /// <summary>endStopId - currentStopId, null without a route (as in SQL).</summary>
    public int? RemainingStops => EndStopId - CurrentStopId;

    /// <summary>The row in the README's Markdown table format.</summary>
    public string ToMarkdown() =>
        $"| {TrackingNumber} | {City} | {StatusDescription} | {CurrentStopId} | {EndStopId?.ToString() ?? "NULL"} | {RemainingStops?.ToString() ?? "NULL"} |";
}
