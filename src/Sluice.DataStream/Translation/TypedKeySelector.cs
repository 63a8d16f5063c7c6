using Sluice.Core.Batches;
using Sluice.Core.Keys;
using Sluice.Runtime.Partitioning;

namespace Sluice.DataStream.Translation;

/// <summary>
/// The hash partitioner's key selector of a keyed stream: the key function and the key's stable hasher, the same the
/// keyed operator uses for its state. Side-output batches meant for other consumers go to subtask of hash 0 and are
/// dropped there.
/// </summary>
internal sealed class TypedKeySelector<T, TKey>(Func<T, TKey> keyOf, IKeyHasher<TKey> hasher) : IBatchKeySelector
{
    public void ComputeKeyHashes(IBatch batch, Span<int> hashes)
    {
        if (batch is not ElementBatch<T> elements)
        {
            hashes[..batch.RowCount].Clear();
            return;
        }

        var items = elements.Items;
        for (var i = 0; i < items.Length; i++)
        {
            hashes[i] = hasher.GetStableHash(keyOf(items[i]));
        }
    }
}
