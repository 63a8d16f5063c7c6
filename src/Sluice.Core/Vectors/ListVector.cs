using Sluice.Core.Batches;
using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>
/// A vector of <c>ARRAY</c> or <c>MULTISET</c> values: entry i is the elements
/// <c>Elements[Offsets[i]..Offsets[i + 1]]</c> of one child vector; a null has an empty range. The vector owns
/// its child. See <see cref="ColumnVector"/> for ownership and threading.
/// </summary>
public sealed class ListVector : ColumnVector
{
    private int[] _offsets;
    private ColumnVector _elements;

    internal ListVector(DataType dataType, int[] offsets, ColumnVector elements, int length, ulong[]? nulls)
        : base(dataType, length, nulls)
    {
        if (dataType.PhysicalType != PhysicalType.List)
        {
            throw new ArgumentException($"A list vector cannot hold {dataType}.", nameof(dataType));
        }

        _offsets = offsets;
        _elements = elements;
    }

    /// <summary>The <see cref="ColumnVector.Length"/> + 1 offsets into <see cref="Elements"/>, starting at 0.</summary>
    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Length + 1);

    /// <summary>The elements of all entries, back to back (owned by this vector).</summary>
    public ColumnVector Elements => _elements;

    /// <summary>The first element index and the element count of the entry at <paramref name="index"/>.</summary>
    public (int Start, int Count) GetRange(int index)
    {
        CheckIndex(index);
        var start = _offsets[index];
        return (start, _offsets[index + 1] - start);
    }

    /// <inheritdoc />
    private protected override long ValueBytes => ((Length + 1L) * sizeof(int)) + _elements.SizeInBytes;

    private protected override object GetValueCore(int index)
    {
        var (start, count) = GetRange(index);
        var values = new object?[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = _elements.GetValue(start + i);
        }

        return values;
    }

    private protected override ColumnVector GatherCore(ReadOnlySpan<int> rows)
    {
        var offsets = BufferPool.Rent<int>(rows.Length + 1);
        var childRows = GatherChildRows(_offsets, rows, offsets, out var total);
        try
        {
            var elements = _elements.Gather(childRows.AsSpan(0, total));
            return new ListVector(DataType, offsets, elements, rows.Length, GatherNulls(rows));
        }
        catch
        {
            BufferPool.Return(offsets);
            throw;
        }
        finally
        {
            BufferPool.Return(childRows);
        }
    }

    private protected override ColumnVector ShareValues(DataType type, ulong[]? nulls) => new ListVector(type, _offsets, _elements, Length, nulls);

    private protected override void ReleaseBuffers()
    {
        BufferPool.Return(_offsets);
        _offsets = ZeroOffsets;
        _elements.Dispose();
    }

    /// <summary>
    /// Fills <paramref name="offsets"/> for the gathered entries and returns a rented array of the child rows
    /// they cover (the first <paramref name="total"/> are used).
    /// </summary>
    internal static int[] GatherChildRows(int[] sourceOffsets, ReadOnlySpan<int> rows, int[] offsets, out int total)
    {
        var sum = 0L;
        foreach (var row in rows)
        {
            sum += sourceOffsets[row + 1] - sourceOffsets[row];
        }

        if (sum > int.MaxValue)
        {
            throw new InvalidOperationException("The gathered entries exceed 2^31 elements.");
        }

        total = (int)sum;
        var childRows = BufferPool.Rent<int>(total);
        var position = 0;
        offsets[0] = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var end = sourceOffsets[rows[i] + 1];
            for (var child = sourceOffsets[rows[i]]; child < end; child++)
            {
                childRows[position++] = child;
            }

            offsets[i + 1] = position;
        }

        return childRows;
    }
}
