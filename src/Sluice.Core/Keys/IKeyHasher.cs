namespace Sluice.Core.Keys;

/// <summary>
/// Computes a stable hash of a key: the same in every process and release. Partitioners and keyed state use
/// the same hasher, so a key's rows and its state land on the same subtask.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
public interface IKeyHasher<in TKey>
{
    /// <summary>The stable hash of <paramref name="key"/>.</summary>
    int GetStableHash(TKey key);
}
