using System.Buffers;
using System.Text;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>JSON_QUOTE(s)</c> and <c>JSON_UNQUOTE(s)</c>, as Flink's. Quoting wraps the string in double quotes and escapes
/// <c>"</c>, <c>\</c>, <c>/</c>, backspace, form feed, newline, carriage return and tab with a backslash, and every
/// character above U+007F as <c>\uXXXX</c> (UTF-16 code units, lower-case hex); other characters stay as they are.
/// Unquoting reverses that for a value that starts and ends with a double quote and is a valid JSON string literal
/// (escapes <c>\" \\ \/ \b \f \n \r \t \uXXXX</c>, no unescaped quote or control character inside); any other value
/// is returned unchanged. NULL for NULL.
/// </summary>
internal sealed class JsonQuoteKernel(Kernel operand, bool unquote, DataType type) : UnaryKernel(operand, type)
{
    private static readonly SearchValues<byte> Special = SearchValues.Create("\"\\/\b\f\n\r\t"u8);

    private readonly bool _unquote = unquote;
    private readonly Utf8Buffer _buffer = new();

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var strings = (BytesVector)operand;
        var rows = frame.Count;
        using var builder = new BytesVectorBuilder(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (strings.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            var text = strings.GetBytes(i);
            _buffer.Clear();
            if (_unquote)
            {
                if (!TryUnquote(text, _buffer))
                {
                    _buffer.Clear();
                    _buffer.Append(text);
                }
            }
            else
            {
                Quote(text, _buffer);
            }

            builder.Append(_buffer.Span);
        }

        return builder.Build();
    }

    private static void Quote(ReadOnlySpan<byte> text, Utf8Buffer output)
    {
        output.Append((byte)'"');
        Span<char> units = stackalloc char[2];
        var position = 0;
        while (position < text.Length)
        {
            var b = text[position];
            if (b < 0x80)
            {
                if (Special.Contains(b))
                {
                    output.Append((byte)'\\');
                    output.Append(b switch
                    {
                        (byte)'\b' => (byte)'b',
                        (byte)'\f' => (byte)'f',
                        (byte)'\n' => (byte)'n',
                        (byte)'\r' => (byte)'r',
                        (byte)'\t' => (byte)'t',
                        _ => b,
                    });
                }
                else
                {
                    output.Append(b);
                }

                position++;
                continue;
            }

            // A non-ASCII character: one \uXXXX per UTF-16 code unit, as Java's String.format("\\u%04x", ch).
            Rune.DecodeFromUtf8(text[position..], out var rune, out var consumed);
            var count = rune.EncodeToUtf16(units);
            for (var k = 0; k < count; k++)
            {
                output.Append("\\u"u8);
                AppendHex(output, units[k]);
            }

            position += Math.Max(1, consumed);
        }

        output.Append((byte)'"');
    }

    private static void AppendHex(Utf8Buffer output, char unit)
    {
        const string Digits = "0123456789abcdef";
        for (var shift = 12; shift >= 0; shift -= 4)
        {
            output.Append((byte)Digits[(unit >> shift) & 0xF]);
        }
    }

    /// <summary>Unescapes a quoted JSON string literal into <paramref name="output"/>; false when the text is not one.</summary>
    private static bool TryUnquote(ReadOnlySpan<byte> text, Utf8Buffer output)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return false;
        }

        var body = text[1..^1];
        var i = 0;
        while (i < body.Length)
        {
            var b = body[i];
            if (b == '"' || b < 0x20)
            {
                return false;
            }

            if (b != '\\')
            {
                output.Append(b);
                i++;
                continue;
            }

            if (i + 1 >= body.Length)
            {
                return false;
            }

            var escape = body[i + 1];
            i += 2;
            switch (escape)
            {
                case (byte)'"' or (byte)'\\' or (byte)'/':
                    output.Append(escape);
                    break;
                case (byte)'b':
                    output.Append((byte)'\b');
                    break;
                case (byte)'f':
                    output.Append((byte)'\f');
                    break;
                case (byte)'n':
                    output.Append((byte)'\n');
                    break;
                case (byte)'r':
                    output.Append((byte)'\r');
                    break;
                case (byte)'t':
                    output.Append((byte)'\t');
                    break;
                case (byte)'u':
                {
                    if (!TryHex(body, i, out var unit))
                    {
                        return false;
                    }

                    i += 4;
                    if (char.IsHighSurrogate(unit) && i + 6 <= body.Length && body[i] == '\\' && body[i + 1] == 'u'
                        && TryHex(body, i + 2, out var low) && char.IsLowSurrogate(low))
                    {
                        output.AppendCodePoint(char.ConvertToUtf32(unit, low));
                        i += 6;
                    }
                    else
                    {
                        // A lone surrogate has no UTF-8 form: it becomes U+FFFD.
                        output.AppendCodePoint(char.IsSurrogate(unit) ? 0xFFFD : unit);
                    }

                    break;
                }

                default:
                    return false;
            }
        }

        return true;
    }

    private static bool TryHex(ReadOnlySpan<byte> text, int start, out char unit)
    {
        unit = '\0';
        if (start + 4 > text.Length)
        {
            return false;
        }

        var value = 0;
        for (var k = 0; k < 4; k++)
        {
            var digit = HexValue(text[start + k]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        unit = (char)value;
        return true;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
