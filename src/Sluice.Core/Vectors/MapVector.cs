using Sluice.Core.Batches;
using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>
/// A vector of <c>MAP</c> values: entry i is the pairs <c>(Keys[j], Values[j])</c> for j in
/// <c>Offsets[i]..Offsets[i + 1]</c>; a null has an empty range. The vector owns its two children.
/// See <see cref="ColumnVector"/> for ownership and threading.
/// </summary>
public sealed class MapVector : ColumnVector
{
    private int[] _offsets;
    private ColumnVector _keys;
    private ColumnVector _values;

    internal MapVector(DataType dataType, int[] offsets, ColumnVector keys, ColumnVector values, int length, ulong[]? nulls)
        : base(dataType, length, nulls)
    {
        if (dataType.PhysicalType != PhysicalType.Map)
        {
            throw new ArgumentException($"A map vector cannot hold {dataType}.", nameof(dataType));
        }

        if (keys.Length != values.Length)
        {
            throw new ArgumentException("A map vector needs as many keys as values.", nameof(values));
        }

        _offsets = offsets;
        _keys = keys;
        _values = values;
    }

    /// <summary>The <see cref="ColumnVector.Length"/> + 1 offsets into <see cref="Keys"/> and <see cref="Values"/>.</summary>
    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Length + 1);

    /// <summary>The keys of all entries, back to back (owned by this vector).</summary>
    public ColumnVector Keys => _keys;

    /// <summary>The values of all entries, back to back (owned by this vector).</summary>
    public ColumnVector Values => _values;

    /// <summary>The first pair index and the pair count of the entry at <paramref name="index"/>.</summary>
    public (int Start, int Count) GetRange(int index)
    {
        CheckIndex(index);
        var start = _offsets[index];
        return (start, _offsets[index + 1] - start);
    }

    /// <inheritdoc />
    private protected override long ValueBytes => ((Length + 1L) * sizeof(int)) + _keys.SizeInBytes + _values.SizeInBytes;

    private protected override object GetValueCore(int index)
    {
        var (start, count) = GetRange(index);
        var pairs = new KeyValuePair<object?, object?>[count];
        for (var i = 0; i < count; i++)
        {
            pairs[i] = new KeyValuePair<object?, object?>(_keys.GetValue(start + i), _values.GetValue(start + i));
        }

        return pairs;
    }

    private protected override ColumnVector GatherCore(ReadOnlySpan<int> rows)
    {
        var offsets = BufferPool.Rent<int>(rows.Length + 1);
        var childRows = ListVector.GatherChildRows(_offsets, rows, offsets, out var total);
        ColumnVector? keys = null;
        try
        {
            keys = _keys.Gather(childRows.AsSpan(0, total));
            var values = _values.Gather(childRows.AsSpan(0, total));
            return new MapVector(DataType, offsets, keys, values, rows.Length, GatherNulls(rows));
        }
        catch
        {
            keys?.Dispose();
            BufferPool.Return(offsets);
            throw;
        }
        finally
        {
            BufferPool.Return(childRows);
        }
    }

    private protected override ColumnVector ShareValues(DataType type, ulong[]? nulls) => new MapVector(type, _offsets, _keys, _values, Length, nulls);

    private protected override void ReleaseBuffers()
    {
        BufferPool.Return(_offsets);
        _offsets = ZeroOffsets;
        _keys.Dispose();
        _values.Dispose();
    }
}
