using System.Buffers;
using Sluice.Core.Batches;

namespace Sluice.Runtime.Partitioning;

/// <summary>Copies of whole batches, for outputs that hand one batch to several owners.</summary>
internal static class BatchCopies
{
    /// <summary>A new batch with every row of <paramref name="batch"/>; the original keeps its owner.</summary>
    public static IBatch Copy(IBatch batch)
    {
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
}
