using Sluice.Core.Batches;
using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>Builds a <see cref="BooleanVector"/>. See <see cref="ColumnVectorBuilder"/> for the lifecycle.</summary>
public sealed class BooleanVectorBuilder : ColumnVectorBuilder
{
    private ulong[] _bits = [];
    private int _count;

    /// <summary>Creates a builder for <c>BOOLEAN</c> values.</summary>
    public BooleanVectorBuilder(DataType dataType, int capacity = 16)
        : base(dataType, capacity)
    {
        if (dataType.PhysicalType != PhysicalType.Boolean)
        {
            throw new ArgumentException($"A boolean vector cannot hold {dataType}.", nameof(dataType));
        }
    }

    /// <inheritdoc />
    public override int Count => _count;

    /// <summary>Appends a value.</summary>
    public void Append(bool value)
    {
        if (_count == _bits.Length << 6)
        {
            if (_bits.Length == 0)
            {
                _bits = Bitmap.RentCleared(Math.Max(InitialCapacity, 64));
            }
            else
            {
                Bitmap.EnsureBits(ref _bits, _count + 1);
            }
        }

        if (value)
        {
            Bitmap.Set(_bits, _count);
        }
        else
        {
            Bitmap.Clear(_bits, _count);
        }

        _count++;
    }

    /// <inheritdoc />
    public override void AppendNull()
    {
        MarkNull(_count);
        Append(false);
    }

    /// <inheritdoc />
    public override void Append(object? value)
    {
        switch (value)
        {
            case null:
                AppendNull();
                break;
            case bool b:
                Append(b);
                break;
            default:
                throw ValueConverter.Unsupported(DataType, value);
        }
    }

    /// <inheritdoc />
    public override ColumnVector Build()
    {
        var bits = _bits;
        if (_count > 0)
        {
            Bitmap.EnsureBits(ref bits, _count);
        }

        var vector = new BooleanVector(DataType, bits, _count, TakeNulls(_count));
        _bits = [];
        _count = 0;
        return vector;
    }

    private protected override void ReleaseBuffers()
    {
        BufferPool.Return(_bits);
        _bits = [];
        _count = 0;
    }
}
