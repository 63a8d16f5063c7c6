using Sluice.Core.Batches;
using Sluice.Core.Keys;

namespace Sluice.Runtime.Partitioning;

/// <summary>Key selector over <see cref="ElementBatch{T}"/>: a key function and the key's stable hasher.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class ElementKeySelector<T, TKey>(Func<T, TKey> keyOf, IKeyHasher<TKey> hasher) : IBatchKeySelector
{
    /// <summary>The key function.</summary>
    public Func<T, TKey> KeyOf { get; } = keyOf;

    /// <summary>The key's stable hasher.</summary>
    public IKeyHasher<TKey> Hasher { get; } = hasher;

    /// <inheritdoc />
    public void ComputeKeyHashes(IBatch batch, Span<int> hashes)
    {
        var items = ((ElementBatch<T>)batch).Items;
        for (var i = 0; i < items.Length; i++)
        {
            hashes[i] = Hasher.GetStableHash(KeyOf(items[i]));
        }
    }
}
