using Sluice.Core.Errors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// A compiled SQL <c>LIKE</c> pattern over UTF-8 bytes: <c>%</c> matches any sequence, <c>_</c> one character (not a
/// line terminator, as Java's <c>.</c>), the optional escape character makes the next <c>%</c>, <c>_</c> or escape
/// literal. Without <c>ESCAPE</c> there is no escape character (Flink's rule). Matching splits the pattern at
/// <c>%</c> and finds each part in order, so it never backtracks over more than one part and does not allocate.
/// </summary>
internal sealed class LikePattern
{
    // A part is a sequence of literal bytes and "any one character" slots (encoded as null entries).
    private readonly Part[] _parts;
    private readonly bool _anchoredStart;
    private readonly bool _anchoredEnd;

    private LikePattern(Part[] parts, bool anchoredStart, bool anchoredEnd)
    {
        _parts = parts;
        _anchoredStart = anchoredStart;
        _anchoredEnd = anchoredEnd;
    }

    /// <summary>Compiles a pattern.</summary>
    /// <exception cref="SluiceException">The escape is not one character, or an escape is not followed by %, _ or itself.</exception>
    public static LikePattern Compile(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> escape, bool hasEscape)
    {
        var escapeLength = 0;
        if (hasEscape)
        {
            if (escape.IsEmpty || Utf8Text.Length(escape) != 1)
            {
                throw new SluiceException($"Invalid escape character '{System.Text.Encoding.UTF8.GetString(escape)}'.", ErrorDomain.User);
            }

            escapeLength = escape.Length;
        }

        var parts = new List<Part>();
        var current = new List<byte[]?>();
        var literal = new List<byte>();
        var anchoredStart = true;
        var anchoredEnd = true;

        void FlushLiteral()
        {
            if (literal.Count > 0)
            {
                current.Add(literal.ToArray());
                literal.Clear();
            }
        }

        for (var p = 0; p < pattern.Length;)
        {
            var length = Utf8Text.CodePointLength(pattern, p);
            var c = pattern.Slice(p, length);
            if (escapeLength > 0 && c.SequenceEqual(escape))
            {
                if (p + length >= pattern.Length)
                {
                    throw InvalidEscape(pattern, p);
                }

                var nextLength = Utf8Text.CodePointLength(pattern, p + length);
                var next = pattern.Slice(p + length, nextLength);
                if (!(next.SequenceEqual("%"u8) || next.SequenceEqual("_"u8) || next.SequenceEqual(escape)))
                {
                    throw InvalidEscape(pattern, p);
                }

                literal.AddRange(next);
                p += length + nextLength;
                continue;
            }

            if (c[0] == '%')
            {
                FlushLiteral();
                if (parts.Count == 0 && current.Count == 0)
                {
                    anchoredStart = false;
                }
                else
                {
                    parts.Add(new Part(current.ToArray()));
                    current.Clear();
                }

                anchoredEnd = false;
                p++;
                continue;
            }

            anchoredEnd = true;
            if (c[0] == '_')
            {
                FlushLiteral();
                current.Add(null);
            }
            else
            {
                literal.AddRange(c);
            }

            p += length;
        }

        FlushLiteral();
        if (current.Count > 0 || parts.Count == 0)
        {
            parts.Add(new Part(current.ToArray()));
        }

        return new LikePattern(parts.ToArray(), anchoredStart, anchoredEnd);
    }

    public bool Matches(ReadOnlySpan<byte> text)
    {
        var position = 0;
        for (var k = 0; k < _parts.Length; k++)
        {
            var part = _parts[k];
            var first = k == 0 && _anchoredStart;
            var last = k == _parts.Length - 1 && _anchoredEnd;
            if (first && last)
            {
                return part.MatchAt(text, 0) == text.Length;
            }

            if (first)
            {
                position = part.MatchAt(text, 0);
                if (position < 0)
                {
                    return false;
                }

                continue;
            }

            if (last)
            {
                // The last part must end exactly at the end: try each start from the current position.
                for (var start = position; start <= text.Length; start++)
                {
                    if ((start == text.Length || (text[start] & 0xC0) != 0x80) && part.MatchAt(text, start) == text.Length)
                    {
                        return true;
                    }
                }

                return false;
            }

            position = part.Find(text, position);
            if (position < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static SluiceException InvalidEscape(ReadOnlySpan<byte> pattern, int position) =>
        new($"Invalid escape sequence '{System.Text.Encoding.UTF8.GetString(pattern)}', {position}.", ErrorDomain.User);

    private static bool IsLineTerminator(ReadOnlySpan<byte> text, int offset, int length) =>
        (length == 1 && text[offset] is (byte)'\n' or (byte)'\r')
        || (length == 2 && text[offset] == 0xC2 && text[offset + 1] == 0x85)
        || (length == 3 && text[offset] == 0xE2 && text[offset + 1] == 0x80 && text[offset + 2] is 0xA8 or 0xA9);

    private sealed class Part(byte[]?[] items)
    {
        private readonly byte[]?[] _items = items;

        /// <summary>The end of a match starting at <paramref name="start"/>, or -1.</summary>
        public int MatchAt(ReadOnlySpan<byte> text, int start)
        {
            var position = start;
            foreach (var item in _items)
            {
                if (item is null)
                {
                    if (position >= text.Length)
                    {
                        return -1;
                    }

                    var length = Utf8Text.CodePointLength(text, position);
                    if (IsLineTerminator(text, position, length))
                    {
                        return -1;
                    }

                    position += length;
                }
                else
                {
                    if (!text[position..].StartsWith(item))
                    {
                        return -1;
                    }

                    position += item.Length;
                }
            }

            return position;
        }

        /// <summary>The end of the leftmost match at or after <paramref name="from"/>, or -1.</summary>
        public int Find(ReadOnlySpan<byte> text, int from)
        {
            if (_items.Length == 1 && _items[0] is { } only)
            {
                var found = text[from..].IndexOf(only);
                return found < 0 ? -1 : from + found + only.Length;
            }

            for (var start = from; start <= text.Length; start++)
            {
                if (start < text.Length && (text[start] & 0xC0) == 0x80)
                {
                    continue;
                }

                var end = MatchAt(text, start);
                if (end >= 0)
                {
                    return end;
                }
            }

            return -1;
        }
    }
}
