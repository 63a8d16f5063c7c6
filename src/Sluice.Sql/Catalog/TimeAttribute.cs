namespace Sluice.Sql.Catalog;

/// <summary>
/// Whether a column is a time attribute, as in Flink: an event-time (row-time) column that a watermark follows, or
/// a processing-time column. Time attributes survive only plain references; any computation on them, a regular
/// aggregation or a window table function materializes them into regular timestamps.
/// </summary>
public enum TimeAttribute
{
    /// <summary>A regular column.</summary>
    None,

    /// <summary>An event-time attribute: the column of a <c>WATERMARK FOR</c> clause, or <c>window_time</c>.</summary>
    RowTime,

    /// <summary>A processing-time attribute: a <c>PROCTIME()</c> computed column.</summary>
    ProcTime,
}
