namespace Sluice.Sql.Physical.Operators.MatchRecognize;

/// <summary>A row kept for the partial matches of a partition: its sequence number, time (milliseconds) and encoded values.</summary>
/// <param name="Sequence">The row's number within its partition, in processing order.</param>
/// <param name="Time">The row's time in milliseconds (event or processing time).</param>
/// <param name="Row">The encoded row.</param>
internal sealed record MatchBufferedRow(long Sequence, long Time, RowData Row);
