namespace Sluice.Server.Contracts;

/// <summary>The metrics of one operator, summed (counts, rates) or averaged (ratios) over its subtasks.</summary>
/// <param name="Id">The operator id.</param>
/// <param name="Name">The operator's name.</param>
/// <param name="Parallelism">The subtasks measured.</param>
/// <param name="RecordsIn">Rows received in the current attempt.</param>
/// <param name="RecordsOut">Rows emitted in the current attempt.</param>
/// <param name="RecordsInPerSecond">Rows received per second, over the last sampling interval.</param>
/// <param name="RecordsOutPerSecond">Rows emitted per second, over the last sampling interval.</param>
/// <param name="BackpressureRatio">The fraction of time blocked on full outputs (0..1), over the last sampling interval.</param>
/// <param name="BusyRatio">The fraction of time processing (0..1), over the last sampling interval.</param>
/// <param name="Watermark">The lowest watermark of its subtasks in epoch milliseconds, or null before the first.</param>
internal sealed record OperatorMetricsResponse(string Id, string Name, int Parallelism, long RecordsIn, long RecordsOut, double RecordsInPerSecond,
    double RecordsOutPerSecond, double BackpressureRatio, double BusyRatio, long? Watermark);
