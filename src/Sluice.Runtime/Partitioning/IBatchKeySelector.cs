using Sluice.Core.Batches;

namespace Sluice.Runtime.Partitioning;

/// <summary>
/// Computes the stable key hash of every row of a batch, for hash partitioning. It must agree with the
/// <see cref="Sluice.Core.Keys.IKeyHasher{TKey}"/> the consuming operator uses for its keyed state.
/// </summary>
public interface IBatchKeySelector
{
    /// <summary>Writes the stable hash of row i's key into <paramref name="hashes"/>[i].</summary>
    void ComputeKeyHashes(IBatch batch, Span<int> hashes);
}
