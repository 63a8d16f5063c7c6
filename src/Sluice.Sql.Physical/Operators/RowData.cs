using Sluice.Core.Hashing;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// One row stored in state: the encoded values of all its columns (see <see cref="RowEncoder"/>, whose
/// <see cref="RowEncoder.AppendTo(ReadOnlyMemory{byte}, Core.Batches.RecordBatchBuilder, int)"/> emits it again). The schema is known to the operator that stores it, not
/// carried per row. Immutable; equal when the bytes are equal, so it can key a map state (row → count).
/// </summary>
public sealed class RowData : IEquatable<RowData>
{
    private readonly byte[] _bytes;
    private readonly int _hash;

    /// <summary>Wraps encoded row bytes (not copied: the caller hands them over).</summary>
    public RowData(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        _bytes = bytes;
        _hash = StableHash.Hash(bytes);
    }

    /// <summary>The encoded row.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <inheritdoc />
    public bool Equals(RowData? other) =>
        other is not null && (ReferenceEquals(this, other) || (_hash == other._hash && _bytes.AsSpan().SequenceEqual(other._bytes)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RowData other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <inheritdoc />
    public override string ToString() => $"RowData[{Convert.ToHexString(_bytes)}]";
}
