using Sluice.Core.Hashing;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// The key of a row: the encoded values of its key columns (see <see cref="RowEncoder"/>) with their stable hash,
/// computed once. Immutable; equal when the bytes are equal. Used as the key type of keyed state in SQL operators,
/// with <see cref="RowKeySerializer"/> and <see cref="RowKeyHasher"/>; <see cref="RecordBatchKeySelector"/>
/// computes the same hash per row for hash partitioning.
/// </summary>
public sealed class RowKey : IEquatable<RowKey>
{
    private readonly byte[] _bytes;

    /// <summary>Wraps encoded key bytes (not copied: the caller hands them over).</summary>
    public RowKey(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        _bytes = bytes;
        StableHashCode = StableHash.Hash(bytes);
    }

    /// <summary>The encoded key columns.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>The stable hash of <see cref="Bytes"/> (the same in every process).</summary>
    public int StableHashCode { get; }

    /// <inheritdoc />
    public bool Equals(RowKey? other) =>
        other is not null && (ReferenceEquals(this, other) || (StableHashCode == other.StableHashCode && _bytes.AsSpan().SequenceEqual(other._bytes)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RowKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StableHashCode;

    /// <inheritdoc />
    public override string ToString() => $"RowKey[{Convert.ToHexString(_bytes)}]";
}
