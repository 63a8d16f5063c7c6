using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>
/// Builds a <see cref="BytesVector"/> of UTF-8 strings or byte strings. See <see cref="ColumnVectorBuilder"/>
/// for the lifecycle.
/// </summary>
/// <remarks>
/// Values appended with <see cref="AppendViews"/> are not copied: while every value appended is such a view of one
/// buffer (or NULL or empty), the builder keeps starts and lengths and builds a view (<see cref="BytesVector.IsView"/>).
/// Any other append copies the views appended so far and goes on with contiguous values.
/// </remarks>
public sealed class BytesVectorBuilder : ColumnVectorBuilder
{
    private const int AverageValueBytes = 16;

    private int[] _offsets = [];
    private byte[] _data = [];
    private int _count;

    // The data size of the last vector built: a builder that is reused batch after batch (a source's) rents that much
    // at once instead of growing, and copying, its data buffer several times per batch.
    private int _lastByteCount;

    // View mode (see the remarks): the shared buffer, and each value's start and length in it; _offsets and _data unused.
    private byte[]? _viewBuffer;
    private int[] _starts = [];
    private int[] _lengths = [];

    /// <summary>Creates a builder for string or binary values.</summary>
    public BytesVectorBuilder(DataType dataType, int capacity = 16)
        : base(dataType, capacity)
    {
        if (dataType.PhysicalType is not (PhysicalType.Utf8 or PhysicalType.Binary))
        {
            throw new ArgumentException($"A bytes vector cannot hold {dataType}.", nameof(dataType));
        }
    }

    /// <inheritdoc />
    public override int Count => _count;

    /// <summary>The number of data bytes appended so far.</summary>
    public int ByteCount => _viewBuffer is not null ? SumOfLengths() : _count == 0 ? 0 : _offsets[_count];

    /// <summary>Appends a value given as bytes (UTF-8 for string types).</summary>
    public void Append(ReadOnlySpan<byte> value)
    {
        if (_viewBuffer is not null)
        {
            LeaveViewMode();
        }

        var start = BeginValue(value.Length);
        value.CopyTo(_data.AsSpan(start));
        _offsets[++_count] = start + value.Length;
    }

    /// <summary>
    /// Appends the slices <c>source[starts[i] .. starts[i] + lengths[i]]</c> as values, none null: one capacity check for the
    /// whole run and a tight copy loop (the loads of consecutive values overlap), for sources that cut values out of a
    /// shared buffer.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="starts"/> and <paramref name="lengths"/> differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A slice is not within <paramref name="source"/>.</exception>
    public void AppendSlices(ReadOnlySpan<byte> source, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths)
    {
        if (starts.Length != lengths.Length)
        {
            throw new ArgumentException("Every slice needs a start and a length.", nameof(lengths));
        }

        if (_viewBuffer is not null)
        {
            LeaveViewMode();
        }

        long bytes = 0;
        foreach (var length in lengths)
        {
            bytes += length;
        }

        Reserve(starts.Length, bytes);
        var offsets = _offsets.AsSpan(_count + 1, starts.Length);
        var data = _data;
        var end = _offsets[_count];
        for (var i = 0; i < offsets.Length; i++)
        {
            var value = source.Slice(starts[i], lengths[i]);
            CopyShort(value, data.AsSpan(end, value.Length));
            end += value.Length;
            offsets[i] = end;
        }

        _count += starts.Length;
    }

    /// <summary>
    /// Appends every value of <paramref name="source"/>, nulls included, with one copy of its offsets and one of its
    /// data, and returns the appended data bytes: the caller may rewrite them in place as long as no value changes its
    /// length (a case mapping of ASCII text, for instance).
    /// </summary>
    /// <returns>The appended bytes, valid until the next append or <see cref="Build"/>.</returns>
    public Span<byte> AppendAll(BytesVector source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_viewBuffer is not null)
        {
            LeaveViewMode();
        }

        var length = source.Length;
        var sourceOffsets = source.Offsets;
        var data = source.Data;
        Reserve(length, data.Length);
        var start = _offsets[_count];
        var offsets = _offsets.AsSpan(_count + 1, length);
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = start + sourceOffsets[i + 1];
        }

        data.CopyTo(_data.AsSpan(start));
        if (source.HasNulls)
        {
            for (var i = 0; i < length; i++)
            {
                if (source.IsNull(i))
                {
                    MarkNull(_count + i);
                }
            }
        }

        _count += length;
        return _data.AsSpan(start, data.Length);
    }

    /// <summary>Appends a string, encoded as UTF-8 (null appends a null).</summary>
    public void Append(string? value)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }

        if (_viewBuffer is not null)
        {
            LeaveViewMode();
        }

        var start = BeginValue(Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, _data.AsSpan(start));
        _offsets[++_count] = start + written;
    }

    /// <inheritdoc />
    public override void AppendNull()
    {
        if (_viewBuffer is not null)
        {
            AppendNulls(1);
            return;
        }

        MarkNull(_count);
        Append(ReadOnlySpan<byte>.Empty);
    }

    /// <inheritdoc />
    public override void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        if (_viewBuffer is not null)
        {
            ReserveViews(count);
            _starts.AsSpan(_count, count).Clear();
            _lengths.AsSpan(_count, count).Clear();
            MarkNulls(_count, count);
            _count += count;
            return;
        }

        if (_offsets.Length == 0)
        {
            GrowOffsets();
        }

        if (_count + count + 1 > _offsets.Length)
        {
            BufferPool.Grow(ref _offsets, _count + 1, Math.Max(_count + count + 1, InitialCapacity + 1));
        }

        _offsets.AsSpan(_count + 1, count).Fill(_offsets[_count]);
        MarkNulls(_count, count);
        _count += count;
    }

    /// <inheritdoc />
    public override void Append(object? value)
    {
        switch (value)
        {
            case null:
                AppendNull();
                break;
            case string s:
                Append(s);
                break;
            case byte[] bytes:
                Append(bytes.AsSpan());
                break;
            case ReadOnlyMemory<byte> memory:
                Append(memory.Span);
                break;
            case Memory<byte> memory:
                Append(memory.Span);
                break;
            default:
                throw ValueConverter.Unsupported(DataType, value);
        }
    }

    /// <summary>
    /// Appends the values <c>buffer[starts[i] .. starts[i] + lengths[i]]</c>, none null, without copying them when the
    /// builder holds only views of <paramref name="buffer"/>, NULLs and empty values (see the remarks); otherwise copies
    /// them as <see cref="AppendSlices"/> does. <paramref name="buffer"/> must not change while the vector built, or
    /// anything made from it, lives (a table that lives as long as the process, for instance).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="starts"/> and <paramref name="lengths"/> differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A slice is not within <paramref name="buffer"/>.</exception>
    public void AppendViews(byte[] buffer, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (starts.Length != lengths.Length)
        {
            throw new ArgumentException("Every slice needs a start and a length.", nameof(lengths));
        }

        if (!ReferenceEquals(_viewBuffer, buffer))
        {
            if (_viewBuffer is not null || ByteCount != 0)
            {
                AppendSlices(buffer, starts, lengths);
                return;
            }

            EnterViewMode(buffer);
        }

        var limit = (uint)buffer.Length;
        for (var i = 0; i < starts.Length; i++)
        {
            if ((uint)starts[i] > limit || (uint)lengths[i] > limit - (uint)starts[i])
            {
                throw new ArgumentOutOfRangeException(nameof(starts), $"Slice {i} ({starts[i]}, {lengths[i]} bytes) is outside the buffer of {limit} bytes.");
            }
        }

        ReserveViews(starts.Length);
        starts.CopyTo(_starts.AsSpan(_count));
        lengths.CopyTo(_lengths.AsSpan(_count));
        _count += starts.Length;
    }

    /// <inheritdoc />
    public override ColumnVector Build()
    {
        if (_viewBuffer is { } buffer)
        {
            var view = BytesVector.TakeView(DataType, buffer, _starts, _lengths, _count, TakeNulls(_count));
            _viewBuffer = null;
            _starts = [];
            _lengths = [];
            _count = 0;
            return view;
        }

        var offsets = _offsets.Length == 0 ? BufferPool.RentCleared<int>(1) : _offsets;
        var vector = new BytesVector(DataType, offsets, _data, _count, TakeNulls(_count));
        _lastByteCount = _count == 0 ? 0 : offsets[_count];
        _offsets = [];
        _data = [];
        _count = 0;
        return vector;
    }

    private protected override void ReleaseBuffers()
    {
        BufferPool.Return(_offsets);
        BufferPool.Return(_data);
        BufferPool.Return(_starts);
        BufferPool.Return(_lengths);
        _offsets = [];
        _data = [];
        _starts = [];
        _lengths = [];
        _viewBuffer = null;
        _count = 0;
    }

    /// <summary>Starts view mode over <paramref name="buffer"/>; the values so far (all empty or NULL) become empty views.</summary>
    private void EnterViewMode(byte[] buffer)
    {
        var count = _count;
        _starts = BufferPool.Rent<int>(Math.Max(InitialCapacity, count));
        _lengths = BufferPool.Rent<int>(_starts.Length);
        _starts.AsSpan(0, count).Clear();
        _lengths.AsSpan(0, count).Clear();
        BufferPool.Return(_offsets);
        BufferPool.Return(_data);
        _offsets = [];
        _data = [];
        _viewBuffer = buffer;
    }

    /// <summary>Copies the views appended so far into contiguous data and leaves view mode.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LeaveViewMode()
    {
        var buffer = _viewBuffer!;
        var count = _count;
        var starts = _starts;
        var lengths = _lengths;
        _viewBuffer = null;
        _starts = [];
        _lengths = [];
        _count = 0;
        _offsets = BufferPool.Rent<int>(Math.Max(InitialCapacity, count) + 1);
        _offsets[0] = 0;
        var total = 0L;
        for (var i = 0; i < count; i++)
        {
            total += lengths[i];
        }

        Reserve(count, total);
        var end = 0;
        for (var i = 0; i < count; i++)
        {
            buffer.AsSpan(starts[i], lengths[i]).CopyTo(_data.AsSpan(end));
            end += lengths[i];
            _offsets[i + 1] = end;
        }

        _count = count;
        BufferPool.Return(starts);
        BufferPool.Return(lengths);
    }

    /// <summary>Makes room for <paramref name="values"/> more views.</summary>
    private void ReserveViews(int values)
    {
        if (_count + values <= _starts.Length)
        {
            return;
        }

        var size = Math.Max(Math.Max(InitialCapacity, _count + values), _starts.Length * 2);
        var starts = BufferPool.Rent<int>(size);
        var lengths = BufferPool.Rent<int>(size);
        _starts.AsSpan(0, _count).CopyTo(starts);
        _lengths.AsSpan(0, _count).CopyTo(lengths);
        BufferPool.Return(_starts);
        BufferPool.Return(_lengths);
        _starts = starts;
        _lengths = lengths;
    }

    private int SumOfLengths()
    {
        var sum = 0;
        foreach (var length in _lengths.AsSpan(0, _count))
        {
            sum += length;
        }

        return sum;
    }

    /// <summary>Makes room for one more value of up to <paramref name="maxBytes"/> bytes; returns its start.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BeginValue(int maxBytes)
    {
        if (_count + 2 > _offsets.Length)
        {
            GrowOffsets();
        }

        var start = _offsets[_count];
        if (_data.Length - start < maxBytes)
        {
            GrowData(start, maxBytes);
        }

        return start;
    }

    /// <summary>Makes room for <paramref name="values"/> more values of <paramref name="bytes"/> bytes together.</summary>
    private void Reserve(int values, long bytes)
    {
        if (_offsets.Length == 0)
        {
            _offsets = BufferPool.Rent<int>(Math.Max(InitialCapacity, values) + 1);
            _offsets[0] = 0;
        }
        else if (_count + values + 1 > _offsets.Length)
        {
            BufferPool.Grow(ref _offsets, _count + 1, _count + values + 1);
        }

        var start = _offsets[_count];
        if (bytes > Array.MaxLength - start)
        {
            throw new InvalidOperationException("A bytes vector cannot hold more than 2 GiB.");
        }

        if (_data.Length - start < bytes)
        {
            GrowData(start, (int)bytes);
        }
    }

    /// <summary>
    /// Copies a short value (strings of a few dozen bytes) with at most a few overlapping vector moves instead of a call;
    /// <paramref name="destination"/> is exactly as long as <paramref name="source"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyShort(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var length = source.Length;
        if (length > 128 || destination.Length != length)
        {
            source.CopyTo(destination);
            return;
        }

        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(destination);
        if (length >= 32)
        {
            // Whole 32-byte blocks, then the last 32 bytes (overlapping the previous block).
            var last = (nuint)(length - 32);
            for (nuint i = 0; i < last; i += 32)
            {
                Vector256.LoadUnsafe(ref from, i).StoreUnsafe(ref to, i);
            }

            Vector256.LoadUnsafe(ref from, last).StoreUnsafe(ref to, last);
        }
        else if (length >= 16)
        {
            Vector128.LoadUnsafe(ref from).StoreUnsafe(ref to);
            Vector128.LoadUnsafe(ref from, (nuint)(length - 16)).StoreUnsafe(ref to, (nuint)(length - 16));
        }
        else if (length >= 8)
        {
            Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<ulong>(ref from));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, length - 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref from, length - 8)));
        }
        else
        {
            for (var i = 0; i < length; i++)
            {
                Unsafe.Add(ref to, i) = Unsafe.Add(ref from, i);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowOffsets()
    {
        if (_offsets.Length == 0)
        {
            _offsets = BufferPool.Rent<int>(InitialCapacity + 1);
            _offsets[0] = 0;
            return;
        }

        BufferPool.Grow(ref _offsets, _count + 1, _count + 2);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowData(int used, int maxBytes)
    {
        var needed = (long)used + maxBytes;
        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException("A bytes vector cannot hold more than 2 GiB.");
        }

        if (_data.Length == 0)
        {
            _data = BufferPool.Rent<byte>((int)Math.Max(needed, Math.Max((long)InitialCapacity * AverageValueBytes, _lastByteCount)));
            return;
        }

        BufferPool.Grow(ref _data, used, (int)needed);
    }
}
