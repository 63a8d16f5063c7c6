using System.Text.Unicode;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// A regular expression of the shape <c>(D|^)KEY([^D]*)</c> (or <c>(^|D)KEY([^D]*)</c>): the value of a
/// <c>D</c>-delimited <c>KEY</c> parameter, as in Nexmark's <c>(&amp;|^)channel_id=([^&amp;]*)</c>, matched on the UTF-8
/// bytes without decoding them or running the regular-expression engine. <c>D</c> is one ASCII character and
/// <c>KEY</c> a run of ASCII characters that are neither <c>D</c> nor regular-expression syntax, so every match
/// position in bytes is the one .NET's engine finds in characters: the leftmost occurrence of <c>KEY</c> at the start
/// or right after a <c>D</c>. Group 0 is the match, group 1 the delimiter (empty at the start), group 2 the value up to
/// the next <c>D</c>.
/// </summary>
internal sealed class DelimitedParameterPattern
{
    private const string Syntax = "\\^$.|?*+()[]{}";

    private readonly byte _delimiter;
    private readonly byte[] _key;

    private DelimitedParameterPattern(byte delimiter, byte[] key)
    {
        _delimiter = delimiter;
        _key = key;
    }

    /// <summary>The number of groups of a match, group 0 included.</summary>
    public const int GroupCount = 3;

    /// <summary>The pattern as a byte matcher, or null when it does not have the shape (use the engine then).</summary>
    public static DelimitedParameterPattern? TryRecognize(string pattern)
    {
        // (D|^) or (^|D): five characters, then the key, then ([^D]*): seven characters.
        if (pattern.Length < 13 || pattern[0] != '(' || pattern[2] != '|' || pattern[4] != ')')
        {
            return null;
        }

        char delimiter;
        if (pattern[3] == '^' && IsPlain(pattern[1]) && pattern[1] != '-')
        {
            delimiter = pattern[1];
        }
        else if (pattern[1] == '^' && IsPlain(pattern[3]) && pattern[3] != '-')
        {
            delimiter = pattern[3];
        }
        else
        {
            return null;
        }

        var tail = "([^" + delimiter + "]*)";
        if (!pattern.EndsWith(tail, StringComparison.Ordinal))
        {
            return null;
        }

        var key = pattern[5..^tail.Length];
        if (key.Length == 0)
        {
            return null;
        }

        foreach (var c in key)
        {
            if (!IsPlain(c) || c == delimiter)
            {
                return null;
            }
        }

        return new DelimitedParameterPattern((byte)delimiter, [.. key.Select(c => (byte)c)]);
    }

    /// <summary>
    /// Finds the first match in <paramref name="text"/>: its start, and where the value (group 2) starts and ends.
    /// </summary>
    public bool TryMatch(ReadOnlySpan<byte> text, out int matchStart, out int valueStart, out int valueEnd)
    {
        var key = _key.AsSpan();
        var from = 0;
        while (true)
        {
            var at = text[from..].IndexOf(key);
            if (at < 0)
            {
                matchStart = valueStart = valueEnd = 0;
                return false;
            }

            at += from;
            if (at == 0 || text[at - 1] == _delimiter)
            {
                matchStart = at == 0 ? 0 : at - 1;
                valueStart = at + key.Length;
                var end = text[valueStart..].IndexOf(_delimiter);
                valueEnd = end < 0 ? text.Length : valueStart + end;
                return true;
            }

            from = at + 1;
        }
    }

    /// <summary>
    /// Group <paramref name="group"/> of the first match: true with its bytes, or false when there is no match or no
    /// such group. <paramref name="valid"/> is false when the bytes are not valid UTF-8 (the engine, working on decoded
    /// characters, would have replaced them): the caller then takes the general path.
    /// </summary>
    public bool TryExtract(ReadOnlySpan<byte> text, int group, out ReadOnlySpan<byte> value, out bool valid)
    {
        value = default;
        valid = true;
        if ((uint)group >= GroupCount || !TryMatch(text, out var matchStart, out var valueStart, out var valueEnd))
        {
            return false;
        }

        value = group switch
        {
            0 => text[matchStart..valueEnd],
            1 => text[matchStart..(valueStart - _key.Length)],
            _ => text[valueStart..valueEnd],
        };
        valid = System.Text.Ascii.IsValid(value) || Utf8.IsValid(value);
        return true;
    }

    /// <summary>True for a printable ASCII character that matches itself in a pattern (outside a class).</summary>
    private static bool IsPlain(char c) => c is >= ' ' and <= '~' && !Syntax.Contains(c, StringComparison.Ordinal);
}
