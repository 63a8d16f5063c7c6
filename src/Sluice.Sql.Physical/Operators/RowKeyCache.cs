namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// The <see cref="RowKey"/> of a row without a new key object per row (see <see cref="EncodedRowCache{T}"/>). Keyed SQL
/// operators call it once per input row, so in steady state (a key set that no longer grows) the keys cost no
/// allocation.
/// </summary>
internal sealed class RowKeyCache(RowEncoder encoder, int capacity = 16_384)
    : EncodedRowCache<RowKey>(encoder, capacity, static bytes => new RowKey(bytes), static key => key.Bytes)
{
    /// <summary>The key of physical row <paramref name="physicalRow"/> (equal to <see cref="RowEncoder.KeyOf"/>'s).</summary>
    public RowKey KeyOf(Core.Batches.RecordBatch batch, int physicalRow) => Get(batch, physicalRow);
}
