namespace Sluice.Sql.Physical.Operators.Sort;

/// <summary>A buffered row of a sort operator: its time (for sorts by time), its sort-key values, the row, and its arrival number.</summary>
/// <param name="TimeMicros">The row time in epoch microseconds (0 when the sort is not by time).</param>
/// <param name="Keys">The sort-key values (<see cref="SortRowComparer.KeyValue"/> form), one per key.</param>
/// <param name="Row">The encoded row.</param>
/// <param name="Sequence">The arrival number: ties keep arrival order.</param>
internal sealed record SortedRow(long TimeMicros, object?[] Keys, RowData Row, long Sequence);
