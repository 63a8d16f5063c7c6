using Sluice.Core.Batches;
using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>
/// A vector of <c>BOOLEAN</c> values, bit-packed like the null bitmap (bit i of word i / 64). The bit of a null is
/// unspecified. See <see cref="ColumnVector"/> for ownership and threading.
/// </summary>
public sealed class BooleanVector : ColumnVector
{
    private ulong[] _bits;

    internal BooleanVector(DataType dataType, ulong[] bits, int length, ulong[]? nulls)
        : base(dataType, length, nulls)
    {
        EnsureBoolean(dataType);
        _bits = bits;
    }

    /// <summary>The value bits: bit i (bit i mod 64 of word i / 64) is value i.</summary>
    public ReadOnlySpan<ulong> Bits => _bits.AsSpan(0, Bitmap.WordCount(Length));

    /// <summary>The value at <paramref name="index"/> (unspecified when null).</summary>
    public bool this[int index]
    {
        get
        {
            CheckIndex(index);
            return Bitmap.Get(_bits, index);
        }
    }

    /// <summary>A vector of <paramref name="length"/> false values and no nulls, to be filled with <see cref="Set"/>.</summary>
    public static BooleanVector Allocate(DataType dataType, int length)
    {
        EnsureBoolean(dataType);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new BooleanVector(dataType, Bitmap.RentCleared(length), length, null);
    }

    /// <summary>Sets the value at <paramref name="index"/> (for the producer of the vector).</summary>
    public void Set(int index, bool value)
    {
        CheckIndex(index);
        if (value)
        {
            Bitmap.Set(_bits, index);
        }
        else
        {
            Bitmap.Clear(_bits, index);
        }
    }

    /// <inheritdoc />
    private protected override long ValueBytes => Bitmap.WordCount(Length) * sizeof(ulong);

    private protected override object GetValueCore(int index) => Bitmap.Get(_bits, index);

    private protected override ColumnVector GatherCore(ReadOnlySpan<int> rows)
    {
        var source = _bits;
        var bits = Bitmap.RentCleared(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            if (Bitmap.Get(source, rows[i]))
            {
                Bitmap.Set(bits, i);
            }
        }

        return new BooleanVector(DataType, bits, rows.Length, GatherNulls(rows));
    }

    private protected override ColumnVector ShareValues(DataType type, ulong[]? nulls) => new BooleanVector(type, _bits, Length, nulls);

    private protected override void ReleaseBuffers()
    {
        BufferPool.Return(_bits);
        _bits = [];
    }

    private static void EnsureBoolean(DataType dataType)
    {
        if (dataType.PhysicalType != PhysicalType.Boolean)
        {
            throw new ArgumentException($"A boolean vector cannot hold {dataType}.", nameof(dataType));
        }
    }
}
