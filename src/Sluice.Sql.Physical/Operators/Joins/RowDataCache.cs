using Sluice.Core.Batches;
using Sluice.Core.Hashing;

namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// The <see cref="RowData"/> of a row without a new row object per probing row: the row is encoded into the encoder's
/// scratch buffer and looked up by those bytes among the rows handed out before; only a row not seen yet is allocated
/// (and then it is the object the join keeps in its state, so nothing is copied twice). A join sees the same row again
/// when it retracts it, or when equal rows repeat.
/// </summary>
/// <remarks>
/// <para><b>Bounds.</b> At most <c>capacity</c> rows are kept; when a new row would exceed it, the cache starts over
/// (empty). The rows are the objects the state holds, so the cache adds about one table slot per row it remembers.</para>
/// <para><b>Threading.</b> Uses the encoder's scratch buffer: task thread only.</para>
/// </remarks>
internal sealed class RowDataCache
{
    private readonly RowEncoder _encoder;
    private readonly int _capacity;
    private readonly HashSet<RowData> _rows = new(BytesComparer.Instance);
    private readonly HashSet<RowData>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    /// <summary>Creates a cache of the rows <paramref name="encoder"/> encodes, keeping at most <paramref name="capacity"/>.</summary>
    public RowDataCache(RowEncoder encoder, int capacity = 16_384)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _encoder = encoder;
        _capacity = capacity;
        _lookup = _rows.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The number of rows kept.</summary>
    public int Count => _rows.Count;

    /// <summary>The row of physical row <paramref name="physicalRow"/> (equal to <see cref="RowEncoder.RowOf"/>'s).</summary>
    public RowData RowOf(RecordBatch batch, int physicalRow)
    {
        var bytes = _encoder.EncodeToScratch(batch, physicalRow);
        if (_lookup.TryGetValue(bytes, out var row))
        {
            return row;
        }

        if (_rows.Count >= _capacity)
        {
            _rows.Clear();
        }

        row = new RowData(bytes.ToArray());
        _rows.Add(row);
        return row;
    }

    /// <summary>Compares rows by their bytes, and looks them up by encoded bytes without a row object.</summary>
    private sealed class BytesComparer : IEqualityComparer<RowData>, IAlternateEqualityComparer<ReadOnlySpan<byte>, RowData>
    {
        public static readonly BytesComparer Instance = new();

        public bool Equals(RowData? x, RowData? y) => x is null ? y is null : x.Equals(y);

        public int GetHashCode(RowData obj) => obj.GetHashCode();

        public bool Equals(ReadOnlySpan<byte> alternate, RowData other) => other.Bytes.Span.SequenceEqual(alternate);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => StableHash.Hash(alternate);

        public RowData Create(ReadOnlySpan<byte> alternate) => new(alternate.ToArray());
    }
}
