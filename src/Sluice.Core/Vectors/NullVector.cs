using Sluice.Core.Batches;
using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>A vector of the <c>NULL</c> type: every value is null. See <see cref="ColumnVector"/> for ownership.</summary>
public sealed class NullVector : ColumnVector
{
    internal NullVector(DataType dataType, int length)
        : base(dataType, length, length == 0 ? null : Bitmap.RentAllSet(length))
    {
        if (dataType.PhysicalType != PhysicalType.Null)
        {
            throw new ArgumentException($"A null vector cannot hold {dataType}.", nameof(dataType));
        }
    }

    /// <summary>A vector of <paramref name="length"/> nulls.</summary>
    public static NullVector Allocate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new NullVector(DataTypes.Null(), length);
    }

    /// <inheritdoc />
    private protected override long ValueBytes => 0;

    private protected override object GetValueCore(int index) =>
        throw new InvalidOperationException("Every value of a NULL vector is null.");

    private protected override ColumnVector GatherCore(ReadOnlySpan<int> rows) => new NullVector(DataType, rows.Length);

    private protected override ColumnVector ShareValues(DataType type, ulong[]? nulls)
    {
        if (nulls is not null)
        {
            BufferPool.Return(nulls);
        }

        return new NullVector(type, Length);
    }

    private protected override void ReleaseBuffers()
    {
    }
}
