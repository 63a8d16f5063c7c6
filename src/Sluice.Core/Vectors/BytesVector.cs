using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>
/// A vector of variable-length byte strings: UTF-8 text for <c>CHAR</c>/<c>VARCHAR</c>/<c>STRING</c>, raw bytes
/// for <c>BINARY</c>/<c>VARBINARY</c>/<c>BYTES</c>. Value i is <c>Data[Offsets[i]..Offsets[i + 1]]</c>; a null
/// has an empty range. Strings stay UTF-8 inside the engine; <see cref="GetString"/> is for edges.
/// See <see cref="ColumnVector"/> for ownership and threading.
/// </summary>
public sealed class BytesVector : ColumnVector
{
    private int[] _offsets;
    private byte[] _data;

    internal BytesVector(DataType dataType, int[] offsets, byte[] data, int length, ulong[]? nulls)
        : base(dataType, length, nulls)
    {
        if (dataType.PhysicalType is not (PhysicalType.Utf8 or PhysicalType.Binary))
        {
            throw new ArgumentException($"A bytes vector cannot hold {dataType}.", nameof(dataType));
        }

        _offsets = offsets;
        _data = data;
    }

    /// <summary>The <see cref="ColumnVector.Length"/> + 1 offsets into <see cref="Data"/>, starting at 0.</summary>
    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Length + 1);

    /// <summary>The bytes of all values, back to back.</summary>
    public ReadOnlySpan<byte> Data => _data.AsSpan(0, _offsets[Length]);

    /// <summary>The bytes of the value at <paramref name="index"/> (empty when null).</summary>
    public ReadOnlySpan<byte> GetBytes(int index)
    {
        CheckIndex(index);
        var start = _offsets[index];
        return _data.AsSpan(start, _offsets[index + 1] - start);
    }

    /// <summary>The value at <paramref name="index"/> decoded from UTF-8 (allocates; for edges), or null.</summary>
    public string? GetString(int index) => IsNull(index) ? null : Encoding.UTF8.GetString(GetBytes(index));

    /// <summary>The number of bytes of the value at <paramref name="index"/>.</summary>
    public int GetByteCount(int index)
    {
        CheckIndex(index);
        return _offsets[index + 1] - _offsets[index];
    }

    /// <inheritdoc />
    private protected override long ValueBytes => ((Length + 1L) * sizeof(int)) + _offsets[Length];

    private protected override object GetValueCore(int index) =>
        DataType.PhysicalType == PhysicalType.Utf8 ? Encoding.UTF8.GetString(GetBytes(index)) : GetBytes(index).ToArray();

    private protected override ColumnVector GatherCore(ReadOnlySpan<int> rows)
    {
        var sourceOffsets = _offsets;
        var total = 0L;
        foreach (var row in rows)
        {
            total += sourceOffsets[row + 1] - sourceOffsets[row];
        }

        if (total > int.MaxValue)
        {
            throw new InvalidOperationException("The gathered values exceed 2 GiB.");
        }

        var offsets = BufferPool.Rent<int>(rows.Length + 1);
        var data = BufferPool.Rent<byte>((int)total);
        var sourceData = _data;
        var position = 0;
        offsets[0] = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var start = sourceOffsets[rows[i]];
            var count = sourceOffsets[rows[i] + 1] - start;
            sourceData.AsSpan(start, count).CopyTo(data.AsSpan(position));
            position += count;
            offsets[i + 1] = position;
        }

        return new BytesVector(DataType, offsets, data, rows.Length, GatherNulls(rows));
    }

    private protected override ColumnVector ShareValues(DataType type, ulong[]? nulls) => new BytesVector(type, _offsets, _data, Length, nulls);

    private protected override void ReleaseBuffers()
    {
        BufferPool.Return(_offsets);
        BufferPool.Return(_data);
        _offsets = ZeroOffsets;
        _data = [];
    }
}
