namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// The <see cref="RowData"/> of a row without a new row object per probing row (see <see cref="EncodedRowCache{T}"/>):
/// a join sees the same row again when it retracts it, or when equal rows repeat.
/// </summary>
internal sealed class RowDataCache(RowEncoder encoder, int capacity = 16_384)
    : EncodedRowCache<RowData>(encoder, capacity, static bytes => new RowData(bytes), static row => row.Bytes)
{
    /// <summary>The row of physical row <paramref name="physicalRow"/> (equal to <see cref="RowEncoder.RowOf"/>'s).</summary>
    public RowData RowOf(Core.Batches.RecordBatch batch, int physicalRow) => Get(batch, physicalRow);
}
