namespace Sluice.Server.Contracts;

/// <summary>The metrics of one operator, summed (counts, rates) or averaged (ratios) over its subtasks.</summary>
/// <param name="Id">The operator id.</param>
/// <param name="Name">The operator's name.</param>
/// <param name="Parallelism">The subtasks measured.</param>
/// <param name="RecordsIn">Rows this operator received in the current attempt (its own count, also inside a chain).</param>
/// <param name="RecordsOut">Rows this operator emitted in the current attempt (its own count, also inside a chain).</param>
/// <param name="RecordsInPerSecond">Rows received per second, over the last sampling interval.</param>
/// <param name="RecordsOutPerSecond">Rows emitted per second, over the last sampling interval.</param>
/// <param name="BackpressureRatio">
/// The fraction of time blocked on full outputs (0..1), over the last sampling interval: its task's, which operators
/// chained into one task share.
/// </param>
/// <param name="BusyRatio">The fraction of time processing (0..1), over the last sampling interval: its task's, as the backpressure.</param>
/// <param name="Watermark">
/// The lowest watermark its subtasks emitted, in epoch milliseconds (for an operator that emits none, such as a sink,
/// its task's), or null before the first.
/// </param>
internal sealed record OperatorMetricsResponse(string Id, string Name, int Parallelism, long RecordsIn, long RecordsOut, double RecordsInPerSecond,
    double RecordsOutPerSecond, double BackpressureRatio, double BusyRatio, long? Watermark);
