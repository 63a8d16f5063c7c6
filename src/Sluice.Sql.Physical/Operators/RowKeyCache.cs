using Sluice.Core.Batches;
using Sluice.Core.Hashing;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// The <see cref="RowKey"/> of a row without a new key object per row: the key columns are encoded into the encoder's
/// scratch buffer and looked up by those bytes among the keys handed out before; only a key not seen yet is allocated.
/// Keyed SQL operators call it once per input row, so in steady state (a key set that no longer grows) the keys cost
/// no allocation.
/// </summary>
/// <remarks>
/// <para><b>Bounds.</b> At most <c>capacity</c> keys are kept; when a new key would exceed it, the cache starts over
/// (empty), so a key set larger than the capacity costs what it did without the cache, plus one lookup per row. The
/// keys are the same objects the keyed state holds, so the cache adds about one table slot per live key.</para>
/// <para><b>Threading.</b> Uses the encoder's scratch buffer: task thread only.</para>
/// </remarks>
internal sealed class RowKeyCache
{
    private readonly RowEncoder _encoder;
    private readonly int _capacity;
    private readonly HashSet<RowKey> _keys = new(BytesComparer.Instance);
    private readonly HashSet<RowKey>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    /// <summary>Creates a cache of the keys <paramref name="encoder"/> encodes, keeping at most <paramref name="capacity"/>.</summary>
    public RowKeyCache(RowEncoder encoder, int capacity = 16_384)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _encoder = encoder;
        _capacity = capacity;
        _lookup = _keys.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The number of keys kept.</summary>
    public int Count => _keys.Count;

    /// <summary>The key of physical row <paramref name="physicalRow"/> (equal to <see cref="RowEncoder.KeyOf"/>'s).</summary>
    public RowKey KeyOf(RecordBatch batch, int physicalRow)
    {
        var bytes = _encoder.EncodeToScratch(batch, physicalRow);
        if (_lookup.TryGetValue(bytes, out var key))
        {
            return key;
        }

        if (_keys.Count >= _capacity)
        {
            _keys.Clear();
        }

        key = new RowKey(bytes.ToArray());
        _keys.Add(key);
        return key;
    }

    /// <summary>Compares keys by their bytes, and looks them up by encoded bytes without a key object.</summary>
    private sealed class BytesComparer : IEqualityComparer<RowKey>, IAlternateEqualityComparer<ReadOnlySpan<byte>, RowKey>
    {
        public static readonly BytesComparer Instance = new();

        public bool Equals(RowKey? x, RowKey? y) => x is null ? y is null : x.Equals(y);

        public int GetHashCode(RowKey obj) => obj.StableHashCode;

        public bool Equals(ReadOnlySpan<byte> alternate, RowKey other) => other.Bytes.Span.SequenceEqual(alternate);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => StableHash.Hash(alternate);

        public RowKey Create(ReadOnlySpan<byte> alternate) => new(alternate.ToArray());
    }
}
