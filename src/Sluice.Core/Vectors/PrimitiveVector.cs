using System.Runtime.CompilerServices;
using Sluice.Core.Batches;
using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>
/// A vector of fixed-width values: <c>TINYINT</c> (<see cref="sbyte"/>), <c>SMALLINT</c> (<see cref="short"/>),
/// <c>INT</c>/<c>DATE</c>/<c>INTERVAL YEAR TO MONTH</c> (<see cref="int"/>), <c>BIGINT</c>/<c>TIME</c>/
/// <c>TIMESTAMP</c>/<c>TIMESTAMP_LTZ</c>/<c>INTERVAL DAY TO SECOND</c> (<see cref="long"/>), <c>FLOAT</c>,
/// <c>DOUBLE</c>, and <c>DECIMAL</c> as unscaled <see cref="long"/> (p ≤ 18) or <see cref="Int128"/>.
/// The value slot of a null holds an unspecified value. See <see cref="ColumnVector"/> for ownership and threading.
/// </summary>
/// <typeparam name="T">The storage type; it must match the type's <see cref="DataType.PhysicalType"/>.</typeparam>
public sealed class PrimitiveVector<T> : ColumnVector
    where T : unmanaged
{
    private T[] _values;

    internal PrimitiveVector(DataType dataType, T[] values, int length, ulong[]? nulls)
        : base(dataType, length, nulls)
    {
        ValueConverter.EnsureStorage<T>(dataType);
        _values = values;
    }

    /// <summary>The values (the slot of a null is unspecified). Writable by the producer of the vector.</summary>
    public Span<T> Values => _values.AsSpan(0, Length);

    /// <summary>The value at <paramref name="index"/> (unspecified when null).</summary>
    public T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            CheckIndex(index);
            return _values[index];
        }
    }

    /// <summary>
    /// A vector of <paramref name="length"/> zero values and no nulls over pooled buffers, to be filled through
    /// <see cref="Values"/> and <see cref="ColumnVector.SetNull"/> by its producer.
    /// </summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not the storage of <paramref name="dataType"/>.</exception>
    public static PrimitiveVector<T> Allocate(DataType dataType, int length)
    {
        ValueConverter.EnsureStorage<T>(dataType);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new PrimitiveVector<T>(dataType, BufferPool.RentCleared<T>(length), length, null);
    }

    /// <summary>A vector holding a copy of <paramref name="values"/>, none null.</summary>
    public static PrimitiveVector<T> FromValues(DataType dataType, ReadOnlySpan<T> values)
    {
        ValueConverter.EnsureStorage<T>(dataType);
        var array = BufferPool.Rent<T>(values.Length);
        values.CopyTo(array);
        return new PrimitiveVector<T>(dataType, array, values.Length, null);
    }

    /// <inheritdoc />
    private protected override long ValueBytes => (long)Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    private protected override object GetValueCore(int index) => ValueConverter.ToExternal(DataType, _values[index]);

    [SkipLocalsInit]
    private protected override ColumnVector GatherCore(ReadOnlySpan<int> rows)
    {
        var source = _values;
        var values = BufferPool.Rent<T>(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            values[i] = source[rows[i]];
        }

        return new PrimitiveVector<T>(DataType, values, rows.Length, GatherNulls(rows));
    }

    private protected override ColumnVector ShareValues(DataType type, ulong[]? nulls) => new PrimitiveVector<T>(type, _values, Length, nulls);

    private protected override void ReleaseBuffers()
    {
        BufferPool.Return(_values);
        _values = [];
    }
}
