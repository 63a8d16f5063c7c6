using Sluice.Core.Batches;
using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>
/// Appends values and nulls to pooled buffers that grow geometrically, then <see cref="Build"/>s a
/// <see cref="ColumnVector"/>. <see cref="Create"/> picks the builder of a <see cref="DataType"/>; the typed
/// builders (<see cref="PrimitiveVectorBuilder{T}"/>, <see cref="BytesVectorBuilder"/>, ...) have allocation-free
/// <c>Append</c> overloads for hot loops.
/// </summary>
/// <remarks>
/// <para><b>Boxed values</b> (<see cref="Append(object?)"/> and <see cref="ColumnVector.GetValue"/>), for tests
/// and edges: <c>BOOLEAN</c> bool; <c>TINYINT</c>..<c>BIGINT</c> sbyte, short, int, long (any integer that fits is
/// accepted); <c>FLOAT</c> float; <c>DOUBLE</c> double; <c>DECIMAL</c> decimal (rounded half up to the scale;
/// integers accepted); <c>CHAR</c>/<c>VARCHAR</c> string; <c>BINARY</c>/<c>VARBINARY</c> byte[]; <c>DATE</c>
/// DateOnly (or int days); <c>TIME</c> TimeOnly (or long microseconds); <c>TIMESTAMP</c> DateTime (or long
/// microseconds); <c>TIMESTAMP_LTZ</c> DateTimeOffset (or long microseconds); <c>INTERVAL YEAR TO MONTH</c> int
/// months; <c>INTERVAL DAY TO SECOND</c> TimeSpan (or long microseconds); <c>ARRAY</c>/<c>MULTISET</c>
/// object?[] (any non-string IEnumerable accepted); <c>MAP</c> KeyValuePair&lt;object?, object?&gt;[] (any
/// IDictionary accepted); <c>ROW</c> object?[] (any IList accepted).</para>
/// <para><b>Lifecycle.</b> After <see cref="Build"/> the builder is empty and may be reused; the caller owns the
/// vector. <see cref="Dispose"/> returns the buffers of values not built. Not thread-safe.</para>
/// <para><b>Nullability.</b> Builders do not reject nulls in <c>NOT NULL</c> types; planners and operators do.</para>
/// </remarks>
public abstract class ColumnVectorBuilder : IDisposable
{
    private ulong[] _nulls = [];
    private bool _hasNulls;

    private protected ColumnVectorBuilder(DataType dataType, int capacity)
    {
        ArgumentNullException.ThrowIfNull(dataType);
        DataType = dataType;
        InitialCapacity = Math.Max(1, capacity);
    }

    /// <summary>The type of the values.</summary>
    public DataType DataType { get; }

    /// <summary>The number of values appended since the last <see cref="Build"/>.</summary>
    public abstract int Count { get; }

    private protected int InitialCapacity { get; }

    /// <summary>Creates the builder for values of <paramref name="dataType"/>.</summary>
    /// <param name="dataType">The type of the values.</param>
    /// <param name="capacity">The number of values to make room for before growing.</param>
    public static ColumnVectorBuilder Create(DataType dataType, int capacity = 16)
    {
        ArgumentNullException.ThrowIfNull(dataType);
        return dataType.PhysicalType switch
        {
            PhysicalType.Boolean => new BooleanVectorBuilder(dataType, capacity),
            PhysicalType.Int8 => new PrimitiveVectorBuilder<sbyte>(dataType, capacity),
            PhysicalType.Int16 => new PrimitiveVectorBuilder<short>(dataType, capacity),
            PhysicalType.Int32 => new PrimitiveVectorBuilder<int>(dataType, capacity),
            PhysicalType.Int64 or PhysicalType.Decimal64 => new PrimitiveVectorBuilder<long>(dataType, capacity),
            PhysicalType.Float32 => new PrimitiveVectorBuilder<float>(dataType, capacity),
            PhysicalType.Float64 => new PrimitiveVectorBuilder<double>(dataType, capacity),
            PhysicalType.Decimal128 => new PrimitiveVectorBuilder<Int128>(dataType, capacity),
            PhysicalType.Utf8 or PhysicalType.Binary => new BytesVectorBuilder(dataType, capacity),
            PhysicalType.List => new ListVectorBuilder(dataType, capacity),
            PhysicalType.Map => new MapVectorBuilder(dataType, capacity),
            PhysicalType.Struct => new StructVectorBuilder(dataType, capacity),
            _ => new NullVectorBuilder(dataType, capacity),
        };
    }

    /// <summary>Appends a null.</summary>
    public abstract void AppendNull();

    /// <summary>Appends <paramref name="count"/> nulls (one call for a run of nulls; builders override it to skip the per-value work).</summary>
    /// <param name="count">How many nulls; zero or more.</param>
    public virtual void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0; i < count; i++)
        {
            AppendNull();
        }
    }

    /// <summary>
    /// Appends a boxed value (null appends a null). See the remarks for the accepted .NET types.
    /// For tests and edges; the typed <c>Append</c> overloads do not allocate.
    /// </summary>
    /// <exception cref="ArgumentException">The value's .NET type does not fit the column type.</exception>
    /// <exception cref="OverflowException">The value does not fit the column type's range or precision.</exception>
    public abstract void Append(object? value);

    /// <summary>Builds the vector of the appended values and empties the builder. The caller owns the vector.</summary>
    public abstract ColumnVector Build();

    /// <summary>Returns the buffers of values not built to the pool.</summary>
    public void Dispose()
    {
        TakeNulls(0);
        ReleaseBuffers();
    }

    private protected abstract void ReleaseBuffers();

    /// <summary>Marks the <paramref name="count"/> values from <paramref name="start"/> on as null.</summary>
    private protected void MarkNulls(int start, int count)
    {
        if (count <= 0)
        {
            return;
        }

        if (!_hasNulls)
        {
            _nulls = Bitmap.RentCleared(Math.Max(start + count, InitialCapacity));
            _hasNulls = true;
        }
        else
        {
            Bitmap.EnsureBits(ref _nulls, start + count);
        }

        Bitmap.SetRange(_nulls, start, count);
    }

    /// <summary>Marks the value at <paramref name="index"/> as null, allocating the bitmap on the first null.</summary>
    private protected void MarkNull(int index)
    {
        if (!_hasNulls)
        {
            _nulls = Bitmap.RentCleared(Math.Max(index + 1, InitialCapacity));
            _hasNulls = true;
        }
        else
        {
            Bitmap.EnsureBits(ref _nulls, index + 1);
        }

        Bitmap.Set(_nulls, index);
    }

    /// <summary>
    /// Hands over the null bitmap sized for <paramref name="count"/> values (null when no value is null) and
    /// forgets it.
    /// </summary>
    private protected ulong[]? TakeNulls(int count)
    {
        if (!_hasNulls)
        {
            return null;
        }

        var nulls = _nulls;
        _nulls = [];
        _hasNulls = false;
        if (count == 0)
        {
            BufferPool.Return(nulls);
            return null;
        }

        Bitmap.EnsureBits(ref nulls, count);
        return nulls;
    }
}
