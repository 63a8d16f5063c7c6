using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>REPLACE(s, search, replacement)</c> with a constant, non-empty <c>search</c> and a constant
/// <c>replacement</c>: every occurrence of <c>search</c>, left to right and not overlapping, replaced (as
/// <see cref="StringFunctionKernel"/> does for operands from the data). Matching the UTF-8 bytes is matching the code
/// points, since no valid UTF-8 sequence starts inside another. A value without an occurrence is appended as it is; one
/// with occurrences is put together in a reused buffer, its pieces found with a vectorized search (of the byte itself for
/// a one-byte <c>search</c>). A one-byte <c>search</c> replaced by one byte over a contiguous vector is one copy of the
/// data and one vectorized pass over it. A view's values are read in place.
/// </summary>
internal sealed class ReplaceKernel(Kernel text, byte[] search, byte[] replacement, DataType type) : UnaryKernel(text, type)
{
    private readonly byte[] _search = search;
    private readonly byte[] _replacement = replacement;
    private byte[] _scratch = new byte[256];

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var strings = (BytesVector)operand;
        var rows = frame.Count;
        using var builder = new BytesVectorBuilder(Type, Math.Max(1, rows));
        if (_search.Length == 1 && _replacement.Length == 1 && !strings.IsView && strings.Length == rows)
        {
            // Same length: the values keep their offsets, so the whole data is copied once and rewritten in place.
            builder.AppendAll(strings).Replace(_search[0], _replacement[0]);
            return builder.Build();
        }

        var search = _search.AsSpan();
        var single = search.Length == 1;
        var target = search[0];
        for (var i = 0; i < rows; i++)
        {
            if (strings.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            var value = strings.GetBytes(i);
            var found = single ? value.IndexOf(target) : value.IndexOf(search);
            if (found < 0)
            {
                builder.Append(value);
                continue;
            }

            builder.Append(Replaced(value, found));
        }

        return builder.Build();
    }

    /// <summary><paramref name="value"/> with its occurrences replaced, the first at <paramref name="found"/>, in the scratch buffer.</summary>
    private ReadOnlySpan<byte> Replaced(ReadOnlySpan<byte> value, int found)
    {
        var search = _search.AsSpan();
        var replacement = _replacement.AsSpan();

        // At most value.Length / search.Length occurrences, each growing the value by the difference of the lengths.
        var growth = Math.Max(0, replacement.Length - search.Length);
        var bound = value.Length + ((long)(value.Length / search.Length) * growth);
        if (bound > _scratch.Length)
        {
            _scratch = new byte[(int)Math.Min(Array.MaxLength, Math.Max(bound, 2L * _scratch.Length))];
        }

        var output = _scratch.AsSpan();
        var single = search.Length == 1;
        var written = 0;
        while (true)
        {
            value[..found].CopyTo(output[written..]);
            written += found;
            replacement.CopyTo(output[written..]);
            written += replacement.Length;
            value = value[(found + search.Length)..];
            found = single ? value.IndexOf(search[0]) : value.IndexOf(search);
            if (found < 0)
            {
                value.CopyTo(output[written..]);
                return output[..(written + value.Length)];
            }
        }
    }
}
