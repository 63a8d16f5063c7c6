using System.Buffers;
using Sluice.Core.Batches;

namespace Sluice.Runtime.Partitioning;

/// <summary>Copies of whole batches, for outputs that hand one batch to several owners.</summary>
internal static class BatchCopies
{
    /// <summary>
    /// A new batch with every row of <paramref name="batch"/>; the original keeps its owner. A record batch's copy shares
    /// its columns (they are immutable once built, and counted: <see cref="Core.Vectors.ColumnVector.Retain"/>), so a
    /// stream read by several consumers is not copied value by value for each.
    /// </summary>
    public static IBatch Copy(IBatch batch)
    {
        if (batch is RecordBatch records)
        {
            return Share(records);
        }

        var count = batch.RowCount;
        var rows = ArrayPool<int>.Shared.Rent(count);
        try
        {
            for (var r = 0; r < count; r++)
            {
                rows[r] = r;
            }

            return batch.Gather(rows.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
        }
    }

    /// <summary>A batch of the same rows over the same columns (each retained once more).</summary>
    private static RecordBatch Share(RecordBatch batch)
    {
        var columns = new Core.Vectors.ColumnVector[batch.ColumnCount];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = batch.Column(c).Retain();
        }

        var copy = new RecordBatch(batch.Schema, columns, batch.PhysicalRowCount, batch.RowKinds);
        return batch.HasSelection ? copy.WithSelection(batch.Selection) : copy;
    }
}
