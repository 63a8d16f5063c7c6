namespace Sluice.Runtime.Metrics;

/// <summary>The counters of one operator subtask.</summary>
/// <param name="OperatorId">The operator's stable id.</param>
/// <param name="OperatorName">The operator's name.</param>
/// <param name="SubtaskIndex">The subtask.</param>
/// <param name="RecordsIn">Rows received.</param>
/// <param name="RecordsOut">Rows emitted.</param>
/// <param name="BytesIn">Bytes received (estimated from the batches).</param>
/// <param name="BytesOut">Bytes emitted.</param>
/// <param name="Watermark">The task's current watermark.</param>
/// <param name="BusyTime">Time the task spent processing.</param>
/// <param name="BackpressuredTime">Time the task was blocked on full output channels.</param>
/// <param name="OutputWatermark">
/// The highest watermark this operator emitted (<see cref="long.MinValue"/> before the first); unlike
/// <paramref name="Watermark"/> it is the operator's own, also inside a chain.
/// </param>
/// <remarks>Records and bytes are the operator's own; watermark, busy and backpressured time are its task's (a chain of operators).</remarks>
public sealed record OperatorMetricsSnapshot(string OperatorId, string OperatorName, int SubtaskIndex, long RecordsIn, long RecordsOut,
    long BytesIn, long BytesOut,
    long Watermark, TimeSpan BusyTime, TimeSpan BackpressuredTime, long OutputWatermark = long.MinValue);
