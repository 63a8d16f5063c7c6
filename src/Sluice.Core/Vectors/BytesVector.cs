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
/// <remarks>
/// <para><b>Views.</b> A vector may instead be a view (<see cref="IsView"/>): each value is a start and a length in a
/// shared buffer (gaps and overlaps allowed), so a source that cuts values out of a table, or a kernel that returns
/// pieces of its input, copies nothing. <see cref="GetBytes"/> and <see cref="GetByteCount"/> read a view directly;
/// <see cref="Offsets"/> and <see cref="Data"/> copy its values into the contiguous form once, on first use.</para>
/// </remarks>
public sealed class BytesVector : ColumnVector
{
    private int[] _offsets;
    private byte[] _data;

    // A view's values: value i is _data[_starts[i] .. _starts[i] + _lengths[i]] (pooled arrays; _data is shared).
    private int[]? _starts;
    private int[]? _lengths;

    // The vector whose buffer a view shares (retained, disposed with the view), or null for a buffer that lives on its own.
    private ColumnVector? _bufferOwner;

    // A view's values in the contiguous form, made on the first read of Offsets or Data.
    private Contiguous? _contiguous;

    internal BytesVector(DataType dataType, int[] offsets, byte[] data, int length, ulong[]? nulls)
        : base(dataType, length, nulls)
    {
        CheckType(dataType);
        _offsets = offsets;
        _data = data;
    }

    private BytesVector(DataType dataType, byte[] buffer, int[] starts, int[] lengths, int length, ulong[]? nulls, ColumnVector? bufferOwner)
        : base(dataType, length, nulls)
    {
        CheckType(dataType);
        _offsets = ZeroOffsets;
        _data = buffer;
        _starts = starts;
        _lengths = lengths;
        _bufferOwner = bufferOwner;
    }

    /// <summary>True when the values are slices of a shared buffer rather than back to back (see the remarks).</summary>
    public bool IsView => _starts is not null;

    /// <summary>The <see cref="ColumnVector.Length"/> + 1 offsets into <see cref="Data"/>, starting at 0.</summary>
    /// <remarks>For a view, the first read copies the values into the contiguous form.</remarks>
    public ReadOnlySpan<int> Offsets => _starts is null ? _offsets.AsSpan(0, Length + 1) : MakeContiguous().Offsets.AsSpan(0, Length + 1);

    /// <summary>The bytes of all values, back to back.</summary>
    /// <remarks>For a view, the first read copies the values into the contiguous form.</remarks>
    public ReadOnlySpan<byte> Data
    {
        get
        {
            if (_starts is null)
            {
                return _data.AsSpan(0, _offsets[Length]);
            }

            var contiguous = MakeContiguous();
            return contiguous.Data.AsSpan(0, contiguous.Offsets[Length]);
        }
    }

    /// <summary>
    /// A view of <paramref name="lengths"/>.Length values cut out of <paramref name="buffer"/>: value i is
    /// <c>buffer[starts[i] .. starts[i] + lengths[i]]</c>, nothing copied. The buffer must not change while the vector or
    /// anything made from it lives (a table that lives as long as the process, for instance).
    /// </summary>
    /// <param name="dataType">A string or binary type.</param>
    /// <param name="buffer">The values' bytes.</param>
    /// <param name="starts">Where each value starts in <paramref name="buffer"/>.</param>
    /// <param name="lengths">Each value's length (0 for a null).</param>
    /// <param name="nulls">A null bitmap over the values (bit i is value i), or empty when none is null.</param>
    /// <exception cref="ArgumentException">The spans differ in length, or the type is not a string or binary type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not within <paramref name="buffer"/>.</exception>
    public static BytesVector View(DataType dataType, byte[] buffer, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, ReadOnlySpan<ulong> nulls = default) =>
        ViewOver(dataType, buffer, starts, lengths, nulls, bufferOwner: null);

    /// <summary>
    /// A view of values that lie in the data of <paramref name="source"/> (a contiguous vector): value i is
    /// <c>source.Data[starts[i] .. starts[i] + lengths[i]]</c>, nothing copied; <paramref name="source"/> stays alive
    /// until the view is disposed. For kernels that return pieces of their input (a substring, a split part).
    /// </summary>
    /// <param name="source">The vector whose data the values lie in.</param>
    /// <param name="starts">Where each value starts in the source's <see cref="Data"/>.</param>
    /// <param name="lengths">Each value's length (0 for a null).</param>
    /// <param name="nulls">A null bitmap over the values (bit i is value i), or empty when none is null.</param>
    /// <param name="dataType">The type of the view (a string or binary type), or null for the source's.</param>
    /// <exception cref="ArgumentException">The spans differ in length, or <paramref name="source"/> is a view.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not within the source's data.</exception>
    public static BytesVector SlicesOf(
        BytesVector source, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, ReadOnlySpan<ulong> nulls = default, DataType? dataType = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.IsView)
        {
            throw new ArgumentException("The source of slices must be a contiguous vector.", nameof(source));
        }

        var owner = source.Retain();
        try
        {
            return ViewOver(dataType ?? source.DataType, source._data, starts, lengths, nulls, owner, source._offsets[source.Length]);
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    /// <summary>The bytes of the value at <paramref name="index"/> (empty when null).</summary>
    public ReadOnlySpan<byte> GetBytes(int index)
    {
        CheckIndex(index);
        if (_starts is { } starts)
        {
            return _data.AsSpan(starts[index], _lengths![index]);
        }

        var start = _offsets[index];
        return _data.AsSpan(start, _offsets[index + 1] - start);
    }

    /// <summary>The value at <paramref name="index"/> decoded from UTF-8 (allocates; for edges), or null.</summary>
    public string? GetString(int index) => IsNull(index) ? null : Encoding.UTF8.GetString(GetBytes(index));

    /// <summary>The number of bytes of the value at <paramref name="index"/>.</summary>
    public int GetByteCount(int index)
    {
        CheckIndex(index);
        return _lengths is { } lengths ? lengths[index] : _offsets[index + 1] - _offsets[index];
    }

    /// <inheritdoc />
    /// <remarks>A view counts its starts and lengths: the buffer it shares is not its own.</remarks>
    private protected override long ValueBytes => _starts is not null ? Length * 2L * sizeof(int) : ((Length + 1L) * sizeof(int)) + _offsets[Length];

    private protected override object GetValueCore(int index) =>
        DataType.PhysicalType == PhysicalType.Utf8 ? Encoding.UTF8.GetString(GetBytes(index)) : GetBytes(index).ToArray();

    private protected override ColumnVector GatherCore(ReadOnlySpan<int> rows)
    {
        if (_starts is { } sourceStarts)
        {
            return GatherView(sourceStarts, _lengths!, rows);
        }

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

    private protected override ColumnVector ShareValues(DataType type, ulong[]? nulls) => _starts is { } starts
        ? new BytesVector(type, _data, starts, _lengths!, Length, nulls, bufferOwner: null)
        : new BytesVector(type, _offsets, _data, Length, nulls);

    private protected override void ReleaseBuffers()
    {
        if (_starts is { } starts)
        {
            BufferPool.Return(starts);
            BufferPool.Return(_lengths!);
            _starts = null;
            _lengths = null;
            if (_bufferOwner is { } owner)
            {
                _bufferOwner = null;
                owner.Dispose();
            }

            ReleaseOwnExtras();
        }
        else
        {
            BufferPool.Return(_offsets);
            BufferPool.Return(_data);
        }

        _offsets = ZeroOffsets;
        _data = [];
    }

    private protected override void ReleaseOwnExtras()
    {
        if (Interlocked.Exchange(ref _contiguous, null) is { } contiguous)
        {
            BufferPool.Return(contiguous.Offsets);
            BufferPool.Return(contiguous.Data);
        }
    }

    private static void CheckType(DataType dataType)
    {
        if (dataType.PhysicalType is not (PhysicalType.Utf8 or PhysicalType.Binary))
        {
            throw new ArgumentException($"A bytes vector cannot hold {dataType}.", nameof(dataType));
        }
    }

    private static BytesVector ViewOver(
        DataType dataType, byte[] buffer, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, ReadOnlySpan<ulong> nulls, ColumnVector? bufferOwner, int? usable = null)
    {
        ArgumentNullException.ThrowIfNull(dataType);
        ArgumentNullException.ThrowIfNull(buffer);
        CheckType(dataType);
        if (starts.Length != lengths.Length)
        {
            throw new ArgumentException("Every value needs a start and a length.", nameof(lengths));
        }

        var length = starts.Length;
        var words = Bitmap.WordCount(length);
        if (!nulls.IsEmpty && nulls.Length < words)
        {
            throw new ArgumentException($"The bitmap covers {nulls.Length * 64} rows; the view has {length}.", nameof(nulls));
        }

        var limit = (long)(usable ?? buffer.Length);
        for (var i = 0; i < length; i++)
        {
            if (starts[i] < 0 || lengths[i] < 0 || starts[i] + (long)lengths[i] > limit)
            {
                throw new ArgumentOutOfRangeException(nameof(starts), $"Value {i} ({starts[i]}, {lengths[i]} bytes) is outside the buffer of {limit} bytes.");
            }
        }

        var ownStarts = BufferPool.Rent<int>(Math.Max(length, 1));
        var ownLengths = BufferPool.Rent<int>(Math.Max(length, 1));
        starts.CopyTo(ownStarts);
        lengths.CopyTo(ownLengths);
        ulong[]? bitmap = null;
        if (!nulls.IsEmpty && length > 0)
        {
            bitmap = BufferPool.Rent<ulong>(words);
            nulls[..words].CopyTo(bitmap);
            Bitmap.ClearTail(bitmap.AsSpan(0, words), length);
        }

        return new BytesVector(dataType, buffer, ownStarts, ownLengths, length, bitmap, bufferOwner);
    }

    /// <summary>A view over <paramref name="buffer"/> taking over the pooled <paramref name="starts"/>, <paramref name="lengths"/> and bitmap.</summary>
    internal static BytesVector TakeView(DataType dataType, byte[] buffer, int[] starts, int[] lengths, int length, ulong[]? nulls) =>
        new(dataType, buffer, starts, lengths, length, nulls, bufferOwner: null);

    private static long SumOf(ReadOnlySpan<int> values)
    {
        long sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }

    private BytesVector GatherView(int[] sourceStarts, int[] sourceLengths, ReadOnlySpan<int> rows)
    {
        var starts = BufferPool.Rent<int>(Math.Max(rows.Length, 1));
        var lengths = BufferPool.Rent<int>(Math.Max(rows.Length, 1));
        for (var i = 0; i < rows.Length; i++)
        {
            starts[i] = sourceStarts[rows[i]];
            lengths[i] = sourceLengths[rows[i]];
        }

        var owner = _bufferOwner?.Retain();
        return new BytesVector(DataType, _data, starts, lengths, rows.Length, GatherNulls(rows), owner);
    }

    /// <summary>A view's values in the contiguous form, made once (a racing second copy is returned to the pool).</summary>
    private Contiguous MakeContiguous()
    {
        if (Volatile.Read(ref _contiguous) is { } made)
        {
            return made;
        }

        var starts = _starts!;
        var lengths = _lengths!;
        var length = Length;
        var total = SumOf(lengths.AsSpan(0, length));
        if (total > int.MaxValue)
        {
            throw new InvalidOperationException("A bytes vector cannot hold more than 2 GiB.");
        }

        var offsets = BufferPool.Rent<int>(length + 1);
        var data = BufferPool.Rent<byte>((int)total);
        var source = _data;
        var position = 0;
        offsets[0] = 0;
        for (var i = 0; i < length; i++)
        {
            var count = lengths[i];
            source.AsSpan(starts[i], count).CopyTo(data.AsSpan(position));
            position += count;
            offsets[i + 1] = position;
        }

        var contiguous = new Contiguous(offsets, data);
        if (Interlocked.CompareExchange(ref _contiguous, contiguous, null) is { } other)
        {
            BufferPool.Return(offsets);
            BufferPool.Return(data);
            return other;
        }

        return contiguous;
    }

    /// <summary>The contiguous form of a view's values.</summary>
    private sealed record Contiguous(int[] Offsets, byte[] Data);
}
