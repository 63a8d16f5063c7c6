using Sluice.Core.Batches;
using Sluice.Core.Hashing;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// Encoded rows (<see cref="RowKey"/>s, <see cref="RowData"/>) without a new object per input row: the row is encoded
/// into the encoder's scratch buffer and looked up by those bytes among the objects handed out before; only a row not
/// seen yet is allocated (and then it is the object the operator keeps in its state, so nothing is copied twice).
/// </summary>
/// <typeparam name="T">The encoded row type; its hash code must be <see cref="StableHash.Hash(ReadOnlySpan{byte})"/>
/// of its bytes, as RowKey's and RowData's are.</typeparam>
/// <remarks>
/// <para><b>Bounds.</b> At most <c>capacity</c> objects are kept; when a new one would exceed it, the cache starts over
/// (empty), so a set larger than the capacity costs what it did without the cache, plus one lookup per row. The objects
/// are the ones the state holds, so the cache adds about one table slot per object it remembers.</para>
/// <para><b>Threading.</b> Uses the encoder's scratch buffer: task thread only.</para>
/// </remarks>
internal abstract class EncodedRowCache<T>
    where T : class, IEquatable<T>
{
    private readonly RowEncoder _encoder;
    private readonly int _capacity;
    private readonly Func<byte[], T> _create;
    private readonly HashSet<T> _items;
    private readonly HashSet<T>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    private protected EncodedRowCache(RowEncoder encoder, int capacity, Func<byte[], T> create, Func<T, ReadOnlyMemory<byte>> bytesOf)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _encoder = encoder;
        _capacity = capacity;
        _create = create;
        _items = new HashSet<T>(new BytesComparer(create, bytesOf));
        _lookup = _items.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The number of objects kept.</summary>
    public int Count => _items.Count;

    /// <summary>The encoded object of physical row <paramref name="physicalRow"/>.</summary>
    private protected T Get(RecordBatch batch, int physicalRow)
    {
        var bytes = _encoder.EncodeToScratch(batch, physicalRow);
        if (_lookup.TryGetValue(bytes, out var item))
        {
            return item;
        }

        if (_items.Count >= _capacity)
        {
            _items.Clear();
        }

        item = _create(bytes.ToArray());
        _items.Add(item);
        return item;
    }

    /// <summary>Compares objects by their bytes, and looks them up by encoded bytes without an object.</summary>
    private sealed class BytesComparer(Func<byte[], T> create, Func<T, ReadOnlyMemory<byte>> bytesOf)
        : IEqualityComparer<T>, IAlternateEqualityComparer<ReadOnlySpan<byte>, T>
    {
        public bool Equals(T? x, T? y) => x is null ? y is null : x.Equals(y);

        public int GetHashCode(T obj) => obj.GetHashCode();

        public bool Equals(ReadOnlySpan<byte> alternate, T other) => bytesOf(other).Span.SequenceEqual(alternate);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => StableHash.Hash(alternate);

        public T Create(ReadOnlySpan<byte> alternate) => create(alternate.ToArray());
    }
}
