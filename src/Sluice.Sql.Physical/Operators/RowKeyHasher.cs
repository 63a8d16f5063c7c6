using Sluice.Core.Keys;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// The stable hash of a <see cref="RowKey"/>: <see cref="RowKey.StableHashCode"/>, which equals the hash
/// <see cref="RecordBatchKeySelector"/> computes for the row the key came from. Stateless and thread-safe.
/// </summary>
public sealed class RowKeyHasher : IKeyHasher<RowKey>
{
    /// <summary>The shared instance.</summary>
    public static RowKeyHasher Instance { get; } = new();

    /// <inheritdoc />
    public int GetStableHash(RowKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StableHashCode;
    }
}
