using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// The built-in functions computed by <see cref="RowFunctionKernel"/>, on boxed values, with Flink's results:
/// numbers in binary and hex (<c>BIN</c>, <c>HEX</c>), character tests (<c>IS_ALPHA</c>, <c>IS_DIGIT</c>,
/// <c>IS_DECIMAL</c>), <c>PARSE_URL</c>, <c>STR_TO_MAP</c>, and the array and map functions. Arrays are
/// <c>object?[]</c>, maps arrays of key/value pairs, in the order Flink keeps them; element equality is value
/// equality (NULL equals NULL where Flink's functions say so).
/// </summary>
internal static class RowFunctions
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(5);

    /// <summary><c>BIN(n)</c>: the 64-bit two's complement binary digits without leading zeros, as Java's <c>Long.toBinaryString</c>.</summary>
    public static string Bin(long value) => Convert.ToString(value, 2);

    /// <summary><c>HEX(n)</c> (upper-case 64-bit two's complement digits) or <c>HEX(s)</c> (the UTF-8 bytes in hex).</summary>
    public static string Hex(object value) => value switch
    {
        string text => Convert.ToHexString(Encoding.UTF8.GetBytes(text)),
        byte[] bytes => Convert.ToHexString(bytes),
        _ => Convert.ToString(Convert.ToInt64(value, CultureInfo.InvariantCulture), 16).ToUpperInvariant(),
    };

    /// <summary>
    /// <c>UNHEX(s)</c>: the bytes the hex digits spell (either case); an odd number of digits reads the first one as a
    /// byte of its own (as if a '0' led); null when a character is not a hex digit.
    /// </summary>
    public static byte[]? Unhex(string text)
    {
        var odd = text.Length & 1;
        var bytes = new byte[(text.Length + 1) / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            var high = i == 0 && odd == 1 ? 0 : HexDigit(text[(2 * i) - odd]);
            var low = HexDigit(text[(2 * i) + 1 - odd]);
            if (high < 0 || low < 0)
            {
                return null;
            }

            bytes[i] = (byte)((high << 4) | low);
        }

        return bytes;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary><c>IS_ALPHA(s)</c>: not NULL, not empty, only letters.</summary>
    public static bool IsAlpha(string? text) => !string.IsNullOrEmpty(text) && text.All(char.IsLetter);

    /// <summary><c>IS_DIGIT(s)</c>: not NULL, not empty, only digits.</summary>
    public static bool IsDigit(string? text) => !string.IsNullOrEmpty(text) && text.All(char.IsDigit);

    /// <summary><c>IS_DECIMAL(s)</c>: not NULL and a number (sign, digits, a decimal point, an exponent).</summary>
    public static bool IsDecimal(string? text) =>
        !string.IsNullOrEmpty(text) && text.Trim() == text && text.Any(char.IsAsciiDigit)
        && double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out _);

    /// <summary>
    /// <c>s IS JSON [VALUE | SCALAR | ARRAY | OBJECT]</c> (<paramref name="kind"/>): the text is one JSON value of that
    /// kind; false for NULL.
    /// </summary>
    public static bool IsJson(string? text, string kind)
    {
        if (text is null)
        {
            return false;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            return kind switch
            {
                "ARRAY" => document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array,
                "OBJECT" => document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object,
                "SCALAR" => document.RootElement.ValueKind is not (System.Text.Json.JsonValueKind.Array or System.Text.Json.JsonValueKind.Object),
                _ => true,
            };
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// <c>PARSE_URL(url, part [, key])</c>: the part <c>HOST</c>, <c>PATH</c>, <c>QUERY</c>, <c>REF</c>,
    /// <c>PROTOCOL</c>, <c>FILE</c>, <c>AUTHORITY</c> or <c>USERINFO</c> of a URL as Java's <c>java.net.URL</c> splits
    /// it; with a key, the value of that query parameter. NULL for a malformed URL, an unknown part or a missing one.
    /// </summary>
    public static string? ParseUrl(string url, string part, string? key)
    {
        var match = Regex.Match(url, @"^([A-Za-z][A-Za-z0-9+.\-]*):(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline, RegexTimeout);
        if (!match.Success)
        {
            return null;
        }

        var authority = match.Groups[2].Success ? match.Groups[3].Value : null;
        var path = match.Groups[4].Value;
        var query = match.Groups[5].Success ? match.Groups[6].Value : null;
        if (key is not null)
        {
            if (part != "QUERY" || query is null)
            {
                return null;
            }

            var parameter = Regex.Match(query, "(&|^)" + Regex.Escape(key) + "=([^&]*)", RegexOptions.CultureInvariant, RegexTimeout);
            return parameter.Success ? parameter.Groups[2].Value : null;
        }

        string? userInfo = null;
        var host = authority;
        if (authority is not null)
        {
            var at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                userInfo = authority[..at];
                host = authority[(at + 1)..];
            }

            // The port follows the last ':' outside an IPv6 literal.
            var colon = host!.LastIndexOf(':');
            if (colon >= 0 && colon > host.LastIndexOf(']'))
            {
                host = host[..colon];
            }
        }

        return part switch
        {
            "HOST" => host ?? "",
            "PATH" => path,
            "QUERY" => query,
            "REF" => match.Groups[7].Success ? match.Groups[8].Value : null,
            "PROTOCOL" => match.Groups[1].Value,
            "FILE" => query is null ? path : path + "?" + query,
            "AUTHORITY" => authority,
            "USERINFO" => userInfo,
            _ => null,
        };
    }

    /// <summary>
    /// <c>STR_TO_MAP(s [, pairDelimiter, keyValueDelimiter])</c>: the pairs of <paramref name="text"/> split by the
    /// regular expressions (default <c>,</c> and <c>=</c>); a pair without the key/value delimiter maps its key to
    /// NULL; a repeated key keeps its last value; an empty string gives an empty map.
    /// </summary>
    public static KeyValuePair<object?, object?>[] StrToMap(string text, string pairDelimiter, string keyValueDelimiter)
    {
        var entries = new List<KeyValuePair<object?, object?>>();
        if (text.Length == 0)
        {
            return [];
        }

        var pairs = Regex.Split(text, pairDelimiter, RegexOptions.CultureInvariant, RegexTimeout).ToList();
        while (pairs.Count > 1 && pairs[^1].Length == 0)
        {
            pairs.RemoveAt(pairs.Count - 1);
        }

        var separator = new Regex(keyValueDelimiter, RegexOptions.CultureInvariant, RegexTimeout);
        foreach (var pair in pairs)
        {
            var parts = separator.Split(pair, 2);
            var entry = new KeyValuePair<object?, object?>(parts[0], parts.Length > 1 ? parts[1] : null);
            var existing = entries.FindIndex(e => Equals(e.Key, entry.Key));
            if (existing >= 0)
            {
                entries[existing] = entry;
            }
            else
            {
                entries.Add(entry);
            }
        }

        return [.. entries];
    }

    /// <summary><c>ARRAY_DISTINCT(a)</c>: the first occurrence of each value (NULL included), in order.</summary>
    public static object?[] Distinct(object?[] array)
    {
        var result = new List<object?>();
        foreach (var element in array)
        {
            if (!result.Any(r => ValueEquals(r, element)))
            {
                result.Add(element);
            }
        }

        return [.. result];
    }

    /// <summary><c>ARRAY_REMOVE(a, v)</c>: every element not equal to <paramref name="value"/> (NULL removes NULLs).</summary>
    public static object?[] Remove(object?[] array, object? value) => [.. array.Where(e => !ValueEquals(e, value))];

    /// <summary><c>ARRAY_POSITION(a, v)</c>: the 1-based position of the first element equal to <paramref name="value"/>, or 0.</summary>
    public static int Position(object?[] array, object value)
    {
        for (var i = 0; i < array.Length; i++)
        {
            if (ValueEquals(array[i], value))
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>
    /// <c>ARRAY_SLICE(a, start [, end])</c>: the elements from 1-based <paramref name="start"/> to <paramref name="end"/>
    /// inclusive; negative positions count from the end, 0 is the first element, out-of-range positions are clamped and
    /// an empty range gives an empty array.
    /// </summary>
    public static object?[] Slice(object?[] array, long start, long end)
    {
        if (array.Length == 0)
        {
            return array;
        }

        var length = array.Length;
        start += start < 0 ? length + 1 : 0;
        end += end < 0 ? length + 1 : 0;
        start = Math.Max(1, start);
        end = end == 0 ? 1 : Math.Min(end, length);
        return end < start ? [] : array[(int)(start - 1)..(int)end];
    }

    /// <summary><c>ARRAY_UNION(a, b)</c>: the distinct elements of both arrays, in order of first occurrence.</summary>
    public static object?[] Union(object?[] first, object?[] second) => Distinct([.. first, .. second]);

    /// <summary>
    /// <c>ARRAY_EXCEPT(a, b)</c>: the distinct elements of <paramref name="first"/> that are not in <paramref name="second"/>,
    /// in order (a NULL <paramref name="second"/> removes nothing).
    /// </summary>
    public static object?[] Except(object?[] first, object?[]? second) =>
        [.. Distinct(first).Where(e => second is null || !second.Any(s => ValueEquals(s, e)))];

    /// <summary><c>ARRAY_INTERSECT(a, b)</c>: the distinct elements of <paramref name="first"/> that are also in <paramref name="second"/>, in order.</summary>
    public static object?[] Intersect(object?[] first, object?[] second) =>
        [.. Distinct(first).Where(e => second.Any(s => ValueEquals(s, e)))];

    /// <summary>
    /// <c>ARRAY_SORT(a [, ascending [, nullsFirst]])</c>: sorted ascending by default; NULLs first when ascending and
    /// last when descending unless <paramref name="nullsFirst"/> says otherwise.
    /// </summary>
    public static object?[] Sort(object?[] array, bool ascending, bool? nullsFirst)
    {
        var first = nullsFirst ?? ascending;
        var values = array.Where(e => e is not null).ToList();
        values.Sort((a, b) => ascending ? CompareValues(a, b) : CompareValues(b, a));
        var nulls = array.Length - values.Count;
        var result = new List<object?>(array.Length);
        if (first)
        {
            result.AddRange(Enumerable.Repeat<object?>(null, nulls));
        }

        result.AddRange(values);
        if (!first)
        {
            result.AddRange(Enumerable.Repeat<object?>(null, nulls));
        }

        return [.. result];
    }

    /// <summary><c>ARRAY_MAX(a)</c> / <c>ARRAY_MIN(a)</c>: the largest or smallest non-NULL element, or NULL.</summary>
    public static object? Extreme(object?[] array, bool max)
    {
        object? best = null;
        foreach (var element in array)
        {
            if (element is not null && (best is null || (max ? CompareValues(element, best) > 0 : CompareValues(element, best) < 0)))
            {
                best = element;
            }
        }

        return best;
    }

    /// <summary>
    /// <c>ARRAY_JOIN(a, delimiter [, nullReplacement])</c>: the elements' text joined by <paramref name="delimiter"/>;
    /// NULL elements are skipped, or replaced when a replacement is given.
    /// </summary>
    public static string Join(object?[] array, string delimiter, string? nullReplacement) =>
        string.Join(delimiter, array.Where(e => e is not null || nullReplacement is not null).Select(e => e is null ? nullReplacement : Text(e)));

    /// <summary><c>MAP_FROM_ARRAYS(keys, values)</c>: pairs by position; an error when the lengths differ.</summary>
    public static KeyValuePair<object?, object?>[] MapFromArrays(object?[] keys, object?[] values)
    {
        if (keys.Length != values.Length)
        {
            throw new ArgumentException($"the key array has {keys.Length} elements and the value array {values.Length}");
        }

        return MapUnion([.. keys.Select((k, i) => new KeyValuePair<object?, object?>(k, values[i]))]);
    }

    /// <summary><c>MAP_UNION(m1, m2, ...)</c>: every entry, a later map's value replacing an earlier one's for the same key.</summary>
    public static KeyValuePair<object?, object?>[] MapUnion(IEnumerable<KeyValuePair<object?, object?>> entries)
    {
        var result = new List<KeyValuePair<object?, object?>>();
        foreach (var entry in entries)
        {
            var existing = result.FindIndex(e => ValueEquals(e.Key, entry.Key));
            if (existing >= 0)
            {
                result[existing] = entry;
            }
            else
            {
                result.Add(entry);
            }
        }

        return [.. result];
    }

    /// <summary>The entries of a boxed map value.</summary>
    public static KeyValuePair<object?, object?>[] Entries(object map) => map switch
    {
        KeyValuePair<object?, object?>[] pairs => pairs,
        System.Collections.IDictionary dictionary => [.. dictionary.Cast<System.Collections.DictionaryEntry>()
            .Select(e => new KeyValuePair<object?, object?>(e.Key, e.Value))],
        _ => throw new ArgumentException($"not a map value: {map.GetType().Name}"),
    };

    /// <summary>The elements of a boxed array value.</summary>
    public static object?[] Elements(object array) => array switch
    {
        object?[] elements => elements,
        System.Collections.IEnumerable sequence => [.. sequence.Cast<object?>()],
        _ => throw new ArgumentException($"not an array value: {array.GetType().Name}"),
    };

    /// <summary>Value equality of boxed values: numbers by value, byte arrays and nested collections element by element.</summary>
    public static bool ValueEquals(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a is byte[] x && b is byte[] y)
        {
            return x.AsSpan().SequenceEqual(y);
        }

        if (a is object?[] left && b is object?[] right)
        {
            return left.Length == right.Length && left.Zip(right).All(p => ValueEquals(p.First, p.Second));
        }

        return a.Equals(b);
    }

    private static int CompareValues(object? a, object? b) => (a, b) switch
    {
        (string x, string y) => string.CompareOrdinal(x, y),
        (IComparable x, _) => x.CompareTo(b),
        _ => 0,
    };

    private static string Text(object value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
