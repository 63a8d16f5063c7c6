using System.Runtime.CompilerServices;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>
/// One column of a batch: <see cref="Length"/> values of one <see cref="DataType"/> stored in pooled buffers,
/// with a bit-packed null bitmap that exists only when some value is null. Create vectors with a
/// <see cref="ColumnVectorBuilder"/>, with the <c>Allocate</c> factories of the concrete kinds, or with
/// <see cref="Gather"/>.
/// </summary>
/// <remarks>
/// <para><b>Kinds.</b> The concrete class follows <see cref="Types.DataType.PhysicalType"/>:
/// <see cref="PrimitiveVector{T}"/>, <see cref="BooleanVector"/>, <see cref="BytesVector"/>,
/// <see cref="ListVector"/>, <see cref="MapVector"/>, <see cref="StructVector"/>, <see cref="NullVector"/>.</para>
/// <para><b>Ownership.</b> A vector starts with one reference, owned by whoever created it (usually a batch).
/// <see cref="Retain"/> adds a reference (to share a column between batches) and <see cref="Dispose"/> drops one;
/// the buffers return to the pool when the last reference is dropped. A vector must not be used after its owner
/// disposed it.</para>
/// <para><b>Threading.</b> Not thread-safe, except that <see cref="Retain"/> and <see cref="Dispose"/> may race.
/// Vectors are not modified after they are handed on; <see cref="SetNull"/> and the typed setters are for the
/// producer only.</para>
/// </remarks>
public abstract class ColumnVector : IDisposable
{
    /// <summary>The offsets of an empty vector of variable-length values (never returned to the pool).</summary>
    private protected static readonly int[] ZeroOffsets = [0];

    private ulong[]? _nulls;
    private int _nullCount;
    private int _references = 1;
    private ColumnVector? _valuesOwner;

    private protected ColumnVector(DataType dataType, int length, ulong[]? nulls)
    {
        ArgumentNullException.ThrowIfNull(dataType);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        DataType = dataType;
        Length = length;
        _nulls = nulls;
        _nullCount = nulls is null ? 0 : -1;
    }

    /// <summary>The logical type of the values.</summary>
    public DataType DataType { get; }

    /// <summary>The number of values.</summary>
    public int Length { get; private set; }

    /// <summary>True when the vector has a null bitmap, that is when some value may be null.</summary>
    public bool HasNulls => _nulls is not null;

    /// <summary>The number of null values.</summary>
    public int NullCount
    {
        get
        {
            if (_nullCount < 0)
            {
                _nullCount = Bitmap.PopCount(NullBitmap);
            }

            return _nullCount;
        }
    }

    /// <summary>
    /// The null bitmap: bit i (bit i mod 64 of word i / 64) is set when value i is null. Empty when no value
    /// is null.
    /// </summary>
    public ReadOnlySpan<ulong> NullBitmap => _nulls is null ? default : _nulls.AsSpan(0, Bitmap.WordCount(Length));

    internal ulong[]? NullWords => _nulls;

    /// <summary>True when the value at <paramref name="index"/> is null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsNull(int index)
    {
        CheckIndex(index);
        var nulls = _nulls;
        return nulls is not null && Bitmap.Get(nulls, index);
    }

    /// <summary>Marks the value at <paramref name="index"/> as null (for the producer of the vector).</summary>
    public void SetNull(int index)
    {
        CheckIndex(index);
        _nulls ??= Bitmap.RentCleared(Length);
        Bitmap.Set(_nulls, index);
        _nullCount = -1;
    }

    /// <summary>
    /// The value at <paramref name="index"/> as a .NET object (boxed), or null: for tests, UDFs and formats,
    /// never for hot loops. See <see cref="ColumnVectorBuilder.Append(object?)"/> for the mapping of types.
    /// </summary>
    public object? GetValue(int index) => IsNull(index) ? null : GetValueCore(index);

    /// <summary>
    /// A new vector holding the values at <paramref name="rows"/>, in that order (rows may repeat). This vector is
    /// unchanged and keeps its owner; the caller owns the result.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A row is not in 0..Length-1.</exception>
    public ColumnVector Gather(ReadOnlySpan<int> rows)
    {
        var length = (uint)Length;
        foreach (var row in rows)
        {
            if ((uint)row >= length)
            {
                ThrowRowOutOfRange(row);
            }
        }

        return GatherCore(rows);
    }

    /// <summary>Adds a reference to this vector (see Ownership in the remarks) and returns it.</summary>
    /// <exception cref="ObjectDisposedException">The vector was already released.</exception>
    public ColumnVector Retain()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            ObjectDisposedException.ThrowIf(current <= 0, this);
            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return this;
            }
        }
    }

    /// <summary>Drops one reference; the last one returns the buffers to the pool. Extra calls are ignored.</summary>
    public void Dispose()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current <= 0)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _references, current - 1, current) == current)
            {
                if (current == 1)
                {
                    Release();
                }

                return;
            }
        }
    }

    /// <summary>
    /// A vector of this vector's values whose rows are also null where <paramref name="nulls"/> has a bit set (a
    /// NULL ROW's field is NULL whatever its slot holds). The values are shared, not copied: this vector stays
    /// alive until the result is disposed. Costs one bitmap of <see cref="Length"/> bits.
    /// </summary>
    /// <param name="nulls">A null bitmap over at least <see cref="Length"/> rows (bit i is row i); empty for none.</param>
    /// <returns>A new reference the caller owns (this vector retained when <paramref name="nulls"/> is empty).</returns>
    public ColumnVector WithNulls(ReadOnlySpan<ulong> nulls)
    {
        var words = Bitmap.WordCount(Length);
        if (nulls.IsEmpty || Length == 0)
        {
            return Retain();
        }

        if (nulls.Length < words)
        {
            throw new ArgumentException($"The bitmap covers {nulls.Length * 64} rows; the vector has {Length}.", nameof(nulls));
        }

        var merged = BufferPool.Rent<ulong>(words);
        nulls[..words].CopyTo(merged);
        if (_nulls is { } own)
        {
            for (var w = 0; w < words; w++)
            {
                merged[w] |= own[w];
            }
        }

        Bitmap.ClearTail(merged.AsSpan(0, words), Length);
        var owner = Retain();
        var view = ShareValues(DataType, merged);
        view._valuesOwner = owner;
        return view;
    }

    /// <summary>
    /// This vector's values labelled with another type of the same storage (a <c>VARCHAR(3)</c> column typed as
    /// <c>STRING</c>, a <c>TIMESTAMP(3)</c> as <c>TIMESTAMP(6)</c>), without copying them: this vector stays alive until
    /// the result is disposed. A ROW is relabelled field by field (its fields' types must relabel the same way);
    /// ARRAY, MAP and MULTISET vectors cannot be relabelled, nor a timestamp of microseconds as one of nanoseconds or
    /// the other way round (precision 0..6 against 7..9, see <see cref="TimestampUnit"/>): those values need a conversion.
    /// </summary>
    /// <param name="type">A type whose <see cref="Types.DataType.PhysicalType"/> is this vector's.</param>
    /// <returns>A new reference the caller owns (this vector retained when the type is already its own).</returns>
    /// <exception cref="ArgumentException">The storage or the timestamp unit differs, or the vector is nested.</exception>
    public ColumnVector WithType(DataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Equals(DataType))
        {
            return Retain();
        }

        if (type.PhysicalType != DataType.PhysicalType || this is ListVector or MapVector
            || (this is StructVector && type.Fields.Count != DataType.Fields.Count)
            || !TimestampUnit.SameUnit(DataType, type))
        {
            throw new ArgumentException($"A {DataType} vector cannot be relabelled as {type}.", nameof(type));
        }

        ulong[]? nulls = null;
        if (_nulls is { } own)
        {
            var words = Bitmap.WordCount(Length);
            nulls = BufferPool.Rent<ulong>(words);
            own.AsSpan(0, words).CopyTo(nulls);
        }

        if (this is StructVector row)
        {
            return row.WithFieldTypes(type, nulls);
        }

        var owner = Retain();
        var view = ShareValues(type, nulls);
        view._valuesOwner = owner;
        return view;
    }

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name}<{DataType}>[{Length}]";

    /// <summary>
    /// The bytes of the values and the null bitmap (children included), for metrics; not the capacity of
    /// the pooled buffers behind them.
    /// </summary>
    public long SizeInBytes => ValueBytes + (_nulls is null ? 0 : Bitmap.WordCount(Length) * sizeof(ulong));

    /// <summary>The bytes of the values (see <see cref="SizeInBytes"/>).</summary>
    private protected abstract long ValueBytes { get; }

    private protected abstract object GetValueCore(int index);

    private protected abstract ColumnVector GatherCore(ReadOnlySpan<int> rows);

    private protected abstract void ReleaseBuffers();

    /// <summary>
    /// A new vector of <paramref name="type"/> (this vector's, or one of the same storage) over this vector's value
    /// buffers with <paramref name="nulls"/> as its bitmap; it must not release the buffers.
    /// </summary>
    private protected abstract ColumnVector ShareValues(DataType type, ulong[]? nulls);

    /// <summary>
    /// Returns the buffers a vector made by <see cref="ShareValues"/> rented on its own (a copy made on demand), which
    /// are not its owner's; the shared value buffers stay with the owner.
    /// </summary>
    private protected virtual void ReleaseOwnExtras()
    {
    }

    /// <summary>The null bitmap of the gathered rows, or null when none of them is null.</summary>
    private protected ulong[]? GatherNulls(ReadOnlySpan<int> rows)
    {
        var nulls = _nulls;
        if (nulls is null)
        {
            return null;
        }

        ulong[]? result = null;
        for (var i = 0; i < rows.Length; i++)
        {
            if (Bitmap.Get(nulls, rows[i]))
            {
                result ??= Bitmap.RentCleared(rows.Length);
                Bitmap.Set(result, i);
            }
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            ThrowRowOutOfRange(index);
        }
    }

    private static void ThrowRowOutOfRange(int row) =>
        ThrowHelper.ThrowArgumentOutOfRange("rows", $"Row {row} is outside the vector.");

    private void Release()
    {
        if (_nulls is not null)
        {
            BufferPool.Return(_nulls);
            _nulls = null;
        }

        if (_valuesOwner is { } owner)
        {
            _valuesOwner = null;
            ReleaseOwnExtras();
            owner.Dispose();
        }
        else
        {
            ReleaseBuffers();
        }

        Length = 0;
    }
}
