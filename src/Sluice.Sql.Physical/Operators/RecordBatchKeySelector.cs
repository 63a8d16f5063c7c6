using Sluice.Core.Batches;
using Sluice.Core.Hashing;
using Sluice.Core.Schemas;
using Sluice.Runtime.Partitioning;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// Hash partitioning of <see cref="RecordBatch"/> rows by key columns: the hash of row i is the stable hash of its
/// encoded key columns, exactly <see cref="RowKey.StableHashCode"/> of the key a keyed SQL operator builds for the
/// row, so partitioning and keyed state agree on key groups.
/// </summary>
/// <remarks><b>Threading.</b> Thread-safe: an edge's selector is shared by the upstream subtasks, so the encoder
/// with its scratch buffer is kept per thread.</remarks>
public sealed class RecordBatchKeySelector : IBatchKeySelector
{
    private readonly int[] _keyColumns;
    private readonly ThreadLocal<(Schema Schema, RowEncoder Encoder)?> _encoders = new();

    /// <summary>Creates a selector of the key columns <paramref name="keyColumns"/> (copied).</summary>
    public RecordBatchKeySelector(int[] keyColumns)
    {
        ArgumentNullException.ThrowIfNull(keyColumns);
        _keyColumns = [.. keyColumns];
    }

    /// <inheritdoc />
    public void ComputeKeyHashes(IBatch batch, Span<int> hashes)
    {
        if (batch is not RecordBatch records)
        {
            throw new ArgumentException($"{nameof(RecordBatchKeySelector)} partitions only record batches, not {batch?.GetType().Name}.", nameof(batch));
        }

        var cached = _encoders.Value;
        RowEncoder encoder;
        if (cached is { } entry && ReferenceEquals(entry.Schema, records.Schema))
        {
            encoder = entry.Encoder;
        }
        else
        {
            encoder = new RowEncoder(records.Schema, _keyColumns);
            _encoders.Value = (records.Schema, encoder);
        }

        for (var i = 0; i < records.RowCount; i++)
        {
            hashes[i] = StableHash.Hash(encoder.EncodeToScratch(records, records.PhysicalRow(i)));
        }
    }
}
