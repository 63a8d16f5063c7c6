using System.Runtime.CompilerServices;
using Sluice.Core.Batches;
using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>Builds a <see cref="PrimitiveVector{T}"/>. See <see cref="ColumnVectorBuilder"/> for the lifecycle.</summary>
/// <typeparam name="T">The storage type; it must match the type's <see cref="DataType.PhysicalType"/>.</typeparam>
public sealed class PrimitiveVectorBuilder<T> : ColumnVectorBuilder
    where T : unmanaged
{
    private T[] _values = [];
    private int _count;

    /// <summary>Creates a builder.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not the storage of <paramref name="dataType"/>.</exception>
    public PrimitiveVectorBuilder(DataType dataType, int capacity = 16)
        : base(dataType, capacity)
    {
        ValueConverter.EnsureStorage<T>(dataType);
    }

    /// <inheritdoc />
    public override int Count => _count;

    /// <summary>Appends a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(T value)
    {
        if (_count == _values.Length)
        {
            Grow(_count + 1);
        }

        _values[_count++] = value;
    }

    /// <summary>Appends values, none null.</summary>
    public void AppendRange(ReadOnlySpan<T> values)
    {
        if (_count + values.Length > _values.Length)
        {
            Grow(_count + values.Length);
        }

        values.CopyTo(_values.AsSpan(_count));
        _count += values.Length;
    }

    /// <inheritdoc />
    public override void AppendNull()
    {
        MarkNull(_count);
        Append(default(T));
    }

    /// <inheritdoc />
    public override void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_count + count > _values.Length)
        {
            Grow(_count + count);
        }

        _values.AsSpan(_count, count).Clear();
        MarkNulls(_count, count);
        _count += count;
    }

    /// <inheritdoc />
    public override void Append(object? value)
    {
        if (value is null)
        {
            AppendNull();
        }
        else
        {
            Append(value is T typed && DataType.TypeId is not (TypeId.Decimal or TypeId.Date or TypeId.Time or TypeId.Timestamp
                or TypeId.TimestampLtz or TypeId.IntervalDayTime)
                ? typed
                : ValueConverter.ToStorage<T>(DataType, value));
        }
    }

    /// <inheritdoc />
    public override ColumnVector Build()
    {
        var vector = new PrimitiveVector<T>(DataType, _values, _count, TakeNulls(_count));
        _values = [];
        _count = 0;
        return vector;
    }

    private protected override void ReleaseBuffers()
    {
        BufferPool.Return(_values);
        _values = [];
        _count = 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int needed) => BufferPool.Grow(ref _values, _count, Math.Max(needed, InitialCapacity));
}
