using System.Numerics;
using System.Runtime.Intrinsics;
using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>SPLIT_INDEX(s, separator, index)</c> with a constant non-empty separator and a constant index, as
/// <see cref="StringFunctionKernel"/> computes it (the piece of <c>s</c> between the index-th and the next occurrence
/// of the whole separator, 0-based; NULL for an empty <c>s</c>, a negative index or too few pieces): each row's
/// piece is found with vectorized searches on the UTF-8 bytes, without the per-row constant vectors and scratch copy
/// of the general kernel. A separator is ASCII or whole UTF-8 characters, so a byte match is a character match. The
/// pieces of a contiguous input are returned as a view of its data (<see cref="BytesVector.SlicesOf"/>), nothing
/// copied; those of a view input are copied once.
/// </summary>
internal sealed class SplitIndexKernel(Kernel text, byte[] separator, long index, DataType type) : UnaryKernel(text, type)
{
    private readonly byte[] _separator = separator;
    private readonly long _index = index;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var strings = (BytesVector)operand;
        var rows = frame.Count;
        using var builder = new BytesVectorBuilder(Type, Math.Max(1, rows));
        if (_index < 0)
        {
            builder.AppendNulls(rows);
            return builder.Build();
        }

        if (!strings.IsView && _separator.Length == 1)
        {
            return Slices(strings, rows);
        }

        var separator = _separator.AsSpan();
        var single = separator.Length == 1;
        var delimiter = separator[0];
        for (var i = 0; i < rows; i++)
        {
            var value = strings.GetBytes(i);
            if (value.IsEmpty || strings.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            if (single)
            {
                var start = AfterDelimiters(value, delimiter, _index);
                if (start < 0)
                {
                    builder.AppendNull();
                    continue;
                }

                value = value[start..];
                var stop = value.IndexOf(delimiter);
                builder.Append(stop < 0 ? value : value[..stop]);
                continue;
            }

            var found = true;
            for (var piece = 0L; piece < _index; piece++)
            {
                var at = single ? value.IndexOf(delimiter) : value.IndexOf(separator);
                if (at < 0)
                {
                    found = false;
                    break;
                }

                value = value[(at + separator.Length)..];
            }

            if (!found)
            {
                builder.AppendNull();
                continue;
            }

            var end = single ? value.IndexOf(delimiter) : value.IndexOf(separator);
            builder.Append(end < 0 ? value : value[..end]);
        }

        return builder.Build();
    }

    /// <summary>The pieces of a contiguous input with a one-byte separator, as slices of its data.</summary>
    private BytesVector Slices(BytesVector strings, int rows)
    {
        var starts = BufferPool.Rent<int>(rows);
        var lengths = BufferPool.Rent<int>(rows);
        var words = (rows + 63) >> 6;
        var nulls = BufferPool.Rent<ulong>(words);
        try
        {
            nulls.AsSpan(0, words).Clear();
            var offsets = strings.Offsets;
            var data = strings.Data;
            var delimiter = _separator[0];
            for (var i = 0; i < rows; i++)
            {
                var first = offsets[i];
                var value = data[first..offsets[i + 1]];
                var start = value.IsEmpty || strings.IsNull(i) ? -1 : AfterDelimiters(value, delimiter, _index);
                if (start < 0)
                {
                    nulls[i >> 6] |= 1UL << i;
                    starts[i] = 0;
                    lengths[i] = 0;
                    continue;
                }

                value = value[start..];
                var stop = value.IndexOf(delimiter);
                starts[i] = first + start;
                lengths[i] = stop < 0 ? value.Length : stop;
            }

            return BytesVector.SlicesOf(strings, starts.AsSpan(0, rows), lengths.AsSpan(0, rows), nulls.AsSpan(0, words), Type);
        }
        finally
        {
            BufferPool.Return(starts);
            BufferPool.Return(lengths);
            BufferPool.Return(nulls);
        }
    }

    /// <summary>
    /// Where the piece after the <paramref name="count"/>-th occurrence of <paramref name="delimiter"/> starts (0 for
    /// none), or -1 when there are fewer: 32 bytes per step, counting the delimiters of a block by its bit mask instead
    /// of one search call per piece (pieces of URLs are a few bytes long).
    /// </summary>
    private static int AfterDelimiters(ReadOnlySpan<byte> value, byte delimiter, long count)
    {
        if (count == 0)
        {
            return 0;
        }

        var position = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var splat = Vector256.Create(delimiter);
            while (value.Length - position >= Vector256<byte>.Count)
            {
                var mask = Vector256.Equals(Vector256.Create(value[position..]), splat).ExtractMostSignificantBits();
                var found = BitOperations.PopCount(mask);
                if (found < count)
                {
                    count -= found;
                    position += Vector256<byte>.Count;
                    continue;
                }

                for (; count > 1; count--)
                {
                    mask &= mask - 1;
                }

                return position + BitOperations.TrailingZeroCount(mask) + 1;
            }
        }

        for (; position < value.Length; position++)
        {
            if (value[position] == delimiter && --count == 0)
            {
                return position + 1;
            }
        }

        return -1;
    }
}
