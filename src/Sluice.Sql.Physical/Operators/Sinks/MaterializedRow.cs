namespace Sluice.Sql.Physical.Operators.Sinks;

/// <summary>
/// One row alive for a sink primary key in <see cref="SinkUpsertMaterializeOperator"/>'s state: the row, and the
/// values of the input's upsert key when the input has one (rows are then matched by it, else by the whole row).
/// Immutable.
/// </summary>
/// <param name="Row">The encoded row (all columns).</param>
/// <param name="UpsertKey">The encoded upsert-key columns, or null when the input has no upsert key.</param>
internal sealed record MaterializedRow(RowData Row, RowKey? UpsertKey);
