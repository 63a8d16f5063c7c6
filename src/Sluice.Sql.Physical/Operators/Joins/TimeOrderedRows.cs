namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// The stored rows of one key, ordered by time: <see cref="JoinRows"/> of a layout with timestamps, where each entry's
/// timestamp is its row's time (event or processing time, or a version time) and the entries are in timestamp order,
/// equal times in arrival order. So the rows a time range selects are one run of entries, and the rows that expire first
/// are a prefix. A value kept in a value state (<see cref="TimeOrderedRowsState"/>).
/// </summary>
/// <param name="Rows">The entries, in timestamp order.</param>
/// <param name="Newest">At least the greatest timestamp of <paramref name="Rows"/> (exactly it after an insert): a row at
/// this time or later is appended without looking at the entries.</param>
internal readonly record struct TimeOrderedRows(JoinRows Rows, long Newest)
{
    /// <summary>True when there is no entry.</summary>
    public bool IsEmpty => Rows.IsEmpty;
}
