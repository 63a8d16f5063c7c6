using System.Text;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Code-point operations on UTF-8 strings, without decoding to .NET strings: lengths, offsets, searching. String
/// functions count characters as code points, as Flink's <c>BinaryStringData</c> does.
/// </summary>
internal static class Utf8Text
{
    /// <summary>The number of code points (lead bytes).</summary>
    public static int Length(ReadOnlySpan<byte> text)
    {
        var count = 0;
        foreach (var b in text)
        {
            count += (b & 0xC0) != 0x80 ? 1 : 0;
        }

        return count;
    }

    /// <summary>The byte offset of code point <paramref name="index"/> (the length when the string is shorter).</summary>
    public static int OffsetOf(ReadOnlySpan<byte> text, long index)
    {
        if (index <= 0)
        {
            return 0;
        }

        var seen = 0L;
        for (var p = 0; p < text.Length; p++)
        {
            if ((text[p] & 0xC0) != 0x80)
            {
                if (seen == index)
                {
                    return p;
                }

                seen++;
            }
        }

        return text.Length;
    }

    /// <summary>The code points from <paramref name="start"/> (0-based), at most <paramref name="count"/> of them.</summary>
    public static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> text, long start, long count)
    {
        var from = OffsetOf(text, start);
        var rest = text[from..];
        return rest[..OffsetOf(rest, count)];
    }

    /// <summary>
    /// The 0-based code-point index of the first occurrence of <paramref name="needle"/> at or after code point
    /// <paramref name="start"/>, or -1.
    /// </summary>
    public static int IndexOf(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle, int start = 0)
    {
        var from = OffsetOf(haystack, start);
        if (start > 0 && from == haystack.Length && needle.Length > 0)
        {
            return -1;
        }

        var found = haystack[from..].IndexOf(needle);
        return found < 0 ? -1 : Length(haystack[..(from + found)]);
    }

    /// <summary>Cuts the buffer to <paramref name="length"/> code points and, when <paramref name="pad"/>, pads it with spaces to that length.</summary>
    public static void FitLength(Utf8Buffer buffer, int length, bool pad)
    {
        var text = buffer.Span;
        var count = Length(text);
        if (count > length)
        {
            buffer.Truncate(OffsetOf(text, length));
        }
        else if (pad)
        {
            for (var i = count; i < length; i++)
            {
                buffer.Append((byte)' ');
            }
        }
    }

    /// <summary>Appends the code points of <paramref name="text"/> in reverse order.</summary>
    public static void AppendReversed(Utf8Buffer output, ReadOnlySpan<byte> text)
    {
        var end = text.Length;
        while (end > 0)
        {
            var start = end - 1;
            while (start > 0 && (text[start] & 0xC0) == 0x80)
            {
                start--;
            }

            output.Append(text[start..end]);
            end = start;
        }
    }

    /// <summary>The first code point (0 for an empty string).</summary>
    public static int FirstCodePoint(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        Rune.DecodeFromUtf8(text, out var rune, out _);
        return rune.Value;
    }

    /// <summary>The byte length of the code point starting at <paramref name="offset"/>.</summary>
    public static int CodePointLength(ReadOnlySpan<byte> text, int offset)
    {
        var end = offset + 1;
        while (end < text.Length && (text[end] & 0xC0) == 0x80)
        {
            end++;
        }

        return end - offset;
    }
}
