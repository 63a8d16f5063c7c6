using System.Buffers;
using System.Buffers.Text;
using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// The string-valued functions of <see cref="StringFunction"/>, on UTF-8 bytes with characters counted as code points
/// (as Flink's <c>BinaryStringData</c>), building each value in a reused buffer. NULL when any operand is NULL, and in
/// Flink's special cases: <c>SUBSTRING</c> with a negative length, <c>LPAD</c>/<c>RPAD</c> with a negative length or an
/// empty pad, <c>SPLIT_INDEX</c> with a negative or missing index. Positions follow Flink: <c>SUBSTRING</c> counts a
/// negative start from the end and treats 0 as 1; <c>OVERLAY</c> outside the string returns it unchanged;
/// <c>REPLACE</c> of an empty string inserts the replacement around every character (Java's <c>String.replace</c>).
/// <c>FROM_BASE64</c> of invalid base64 is an error; <c>URL_DECODE</c> of a malformed escape (or of bytes that are not
/// UTF-8) is NULL, as Flink's.
/// </summary>
internal sealed class StringFunctionKernel(Kernel[] operands, StringFunction function, DataType type) : NaryKernel(operands, type)
{
    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\n\r\f\v"u8);

    private readonly StringFunction _function = function;
    private readonly Utf8Buffer _buffer = new();

    protected override bool SelfMayFail => _function == StringFunction.FromBase64;

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var nulls = NullMasks.Union(rows, operands);
        using var builder = new BytesVectorBuilder(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            _buffer.Clear();
            if (NullMasks.Get(nulls, i) || !TryCompute(operands, i))
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(_buffer.Span);
            }
        }

        return builder.Build();
    }

    private static ReadOnlySpan<byte> Text(ColumnVector[] operands, int k, int row) => ((BytesVector)operands[k]).GetBytes(row);

    private static long Number(ColumnVector[] operands, int k, int row) =>
        operands[k] is PrimitiveVector<int> ints ? ints.Values[row] : ((PrimitiveVector<long>)operands[k]).Values[row];

    private bool TryCompute(ColumnVector[] operands, int row)
    {
        var output = _buffer;
        switch (_function)
        {
            case StringFunction.Substring:
                return Substring(Text(operands, 0, row), Number(operands, 1, row), operands.Length > 2 ? Number(operands, 2, row) : int.MaxValue);
            case StringFunction.TrimBoth or StringFunction.TrimLeading or StringFunction.TrimTrailing:
                output.Append(Trim(Text(operands, 1, row), Text(operands, 0, row)));
                return true;
            case StringFunction.Replace:
                Replace(Text(operands, 0, row), Text(operands, 1, row), Text(operands, 2, row));
                return true;
            case StringFunction.Left or StringFunction.Right:
            {
                var text = Text(operands, 0, row);
                var n = Number(operands, 1, row);
                if (n > 0)
                {
                    var length = Utf8Text.Length(text);
                    output.Append(_function == StringFunction.Left ? Utf8Text.Slice(text, 0, n) : Utf8Text.Slice(text, Math.Max(0, length - n), n));
                }

                return true;
            }

            case StringFunction.LeftPad or StringFunction.RightPad:
                return Pad(Text(operands, 0, row), Number(operands, 1, row), Text(operands, 2, row));
            case StringFunction.Repeat:
            {
                var text = Text(operands, 0, row);
                var n = Number(operands, 1, row);
                if ((long)text.Length * Math.Max(0, n) > Array.MaxLength)
                {
                    throw new SluiceException($"REPEAT would build a string of {(long)text.Length * n} bytes.", ErrorDomain.User);
                }

                for (var k = 0L; k < n; k++)
                {
                    output.Append(text);
                }

                return true;
            }

            case StringFunction.Reverse:
                Utf8Text.AppendReversed(output, Text(operands, 0, row));
                return true;
            case StringFunction.SplitIndex:
                return SplitIndex(Text(operands, 0, row), Text(operands, 1, row), Number(operands, 2, row));
            case StringFunction.Overlay:
            {
                var text = Text(operands, 0, row);
                var replacement = Text(operands, 1, row);
                var start = Number(operands, 2, row);
                var length = operands.Length > 3 ? Number(operands, 3, row) : Utf8Text.Length(replacement);
                var count = Utf8Text.Length(text);
                if (start <= 0 || start > count)
                {
                    output.Append(text);
                    return true;
                }

                output.Append(Utf8Text.Slice(text, 0, start - 1));
                output.Append(replacement);
                if (start + length <= count && length > 0)
                {
                    output.Append(Utf8Text.Slice(text, start - 1 + length, long.MaxValue));
                }

                return true;
            }

            case StringFunction.Chr:
            {
                var n = Number(operands, 0, row);
                if (n >= 0)
                {
                    output.AppendCodePoint((int)(n & 0xFF));
                }

                return true;
            }

            case StringFunction.Translate:
                Translate(Text(operands, 0, row), Text(operands, 1, row), Text(operands, 2, row));
                return true;
            case StringFunction.UrlEncode:
                UrlEncode(Text(operands, 0, row));
                return true;
            case StringFunction.UrlDecode:
                return UrlDecode(Text(operands, 0, row));
            case StringFunction.ToBase64:
            {
                var bytes = Text(operands, 0, row);
                var span = output.GetSpan(Base64.GetMaxEncodedToUtf8Length(bytes.Length));
                Base64.EncodeToUtf8(bytes, span, out _, out var written);
                output.Advance(written);
                return true;
            }

            default:
            {
                var encoded = Text(operands, 0, row);
                var span = output.GetSpan(Base64.GetMaxDecodedFromUtf8Length(encoded.Length));
                if (Base64.DecodeFromUtf8(encoded, span, out _, out var written) != OperationStatus.Done)
                {
                    throw new SluiceException($"FROM_BASE64: '{System.Text.Encoding.UTF8.GetString(encoded)}' is not valid base64.", ErrorDomain.User);
                }

                output.Advance(written);
                return true;
            }
        }
    }

    /// <summary>Replaces each code point found in <paramref name="from"/> by the one at its position in <paramref name="to"/>, or drops it.</summary>
    private void Translate(ReadOnlySpan<byte> text, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        while (!text.IsEmpty)
        {
            System.Text.Rune.DecodeFromUtf8(text, out var rune, out var consumed);
            var position = IndexOfRune(from, rune);
            if (position < 0)
            {
                _buffer.Append(text[..consumed]);
            }
            else if (RuneAt(to, position) is { } replacement)
            {
                _buffer.AppendCodePoint(replacement.Value);
            }

            text = text[consumed..];
        }
    }

    private static int IndexOfRune(ReadOnlySpan<byte> text, System.Text.Rune wanted)
    {
        for (var index = 0; !text.IsEmpty; index++)
        {
            System.Text.Rune.DecodeFromUtf8(text, out var rune, out var consumed);
            if (rune == wanted)
            {
                return index;
            }

            text = text[consumed..];
        }

        return -1;
    }

    private static System.Text.Rune? RuneAt(ReadOnlySpan<byte> text, int position)
    {
        for (var index = 0; !text.IsEmpty; index++)
        {
            System.Text.Rune.DecodeFromUtf8(text, out var rune, out var consumed);
            if (index == position)
            {
                return rune;
            }

            text = text[consumed..];
        }

        return null;
    }

    private void UrlEncode(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'.' or (byte)'-' or (byte)'*' or (byte)'_')
            {
                _buffer.Append(b);
            }
            else if (b == (byte)' ')
            {
                _buffer.Append((byte)'+');
            }
            else
            {
                _buffer.Append((byte)'%');
                _buffer.Append((byte)"0123456789ABCDEF"[b >> 4]);
                _buffer.Append((byte)"0123456789ABCDEF"[b & 0xF]);
            }
        }
    }

    private bool UrlDecode(ReadOnlySpan<byte> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (b == (byte)'+')
            {
                _buffer.Append((byte)' ');
            }
            else if (b != (byte)'%')
            {
                _buffer.Append(b);
            }
            else if (i + 2 < text.Length && HexValue(text[i + 1]) is >= 0 and var high && HexValue(text[i + 2]) is >= 0 and var low)
            {
                _buffer.Append((byte)((high << 4) | low));
                i += 2;
            }
            else
            {
                return false;
            }
        }

        return System.Text.Unicode.Utf8.IsValid(_buffer.Span);
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private bool Substring(ReadOnlySpan<byte> text, long position, long length)
    {
        if (length < 0)
        {
            return false;
        }

        var count = Utf8Text.Length(text);
        long start;
        if (position > 0)
        {
            start = position - 1;
            if (start >= count)
            {
                return true;
            }
        }
        else if (position < 0)
        {
            start = count + position;
            if (start < 0)
            {
                return true;
            }
        }
        else
        {
            start = 0;
        }

        _buffer.Append(Utf8Text.Slice(text, start, Math.Min(length, count - start)));
        return true;
    }

    private ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text, ReadOnlySpan<byte> characters)
    {
        var start = 0;
        var end = text.Length;
        if (_function != StringFunction.TrimTrailing)
        {
            while (start < end)
            {
                var length = Utf8Text.CodePointLength(text, start);
                if (characters.IndexOf(text.Slice(start, length)) < 0)
                {
                    break;
                }

                start += length;
            }
        }

        if (_function != StringFunction.TrimLeading)
        {
            while (end > start)
            {
                var first = end - 1;
                while (first > start && (text[first] & 0xC0) == 0x80)
                {
                    first--;
                }

                if (characters.IndexOf(text[first..end]) < 0)
                {
                    break;
                }

                end = first;
            }
        }

        return text[start..end];
    }

    private void Replace(ReadOnlySpan<byte> text, ReadOnlySpan<byte> search, ReadOnlySpan<byte> replacement)
    {
        if (search.IsEmpty)
        {
            _buffer.Append(replacement);
            for (var p = 0; p < text.Length;)
            {
                var length = Utf8Text.CodePointLength(text, p);
                _buffer.Append(text.Slice(p, length));
                _buffer.Append(replacement);
                p += length;
            }

            return;
        }

        while (true)
        {
            var found = text.IndexOf(search);
            if (found < 0)
            {
                _buffer.Append(text);
                return;
            }

            _buffer.Append(text[..found]);
            _buffer.Append(replacement);
            text = text[(found + search.Length)..];
        }
    }

    private bool Pad(ReadOnlySpan<byte> text, long length, ReadOnlySpan<byte> pad)
    {
        if (length < 0 || pad.IsEmpty)
        {
            return false;
        }

        var count = Utf8Text.Length(text);
        var padCount = Utf8Text.Length(pad);
        var missing = Math.Max(0, length - count);
        if (_function == StringFunction.LeftPad)
        {
            AppendRepeated(pad, padCount, missing);
            _buffer.Append(Utf8Text.Slice(text, 0, length - missing));
        }
        else
        {
            _buffer.Append(Utf8Text.Slice(text, 0, length));
            AppendRepeated(pad, padCount, missing);
        }

        return true;
    }

    private void AppendRepeated(ReadOnlySpan<byte> pad, int padCount, long characters)
    {
        while (characters >= padCount)
        {
            _buffer.Append(pad);
            characters -= padCount;
        }

        _buffer.Append(Utf8Text.Slice(pad, 0, characters));
    }

    private bool SplitIndex(ReadOnlySpan<byte> text, ReadOnlySpan<byte> separator, long index)
    {
        if (index < 0 || text.IsEmpty)
        {
            return false;
        }

        var current = 0L;
        while (true)
        {
            int found;
            int skip;
            if (separator.IsEmpty)
            {
                found = text.IndexOfAny(Whitespace);
                skip = 1;
            }
            else
            {
                found = text.IndexOf(separator);
                skip = separator.Length;
            }

            if (current == index)
            {
                _buffer.Append(found < 0 ? text : text[..found]);
                return true;
            }

            if (found < 0)
            {
                return false;
            }

            text = text[(found + skip)..];
            current++;
        }
    }
}
