using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Sluice.Core.Errors;
using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// String functions against C# references written from Flink's documented semantics (columns s and t hold words with
/// non-ASCII letters, spaces, % and _), plus Flink's documented example results.
/// </summary>
public sealed class StringFunctionTests
{
    private static string? S(object?[] v) => v[4] as string;

    private static string? T(object?[] v) => v[5] as string;

    private static int? A(object?[] v) => v[0] as int?;

    /// <summary>Flink's SUBSTRING: a negative start counts from the end, 0 is 1, a negative length is NULL.</summary>
    private static string? Substring(string s, int start, int length)
    {
        if (length < 0)
        {
            return null;
        }

        int from;
        if (start > 0)
        {
            from = start - 1;
            if (from >= s.Length)
            {
                return "";
            }
        }
        else if (start < 0)
        {
            from = s.Length + start;
            if (from < 0)
            {
                return "";
            }
        }
        else
        {
            from = 0;
        }

        return s.Substring(from, Math.Min(length, s.Length - from));
    }

    [Fact]
    public void SubstringMatchesFlinksRules()
    {
        Matches("SUBSTRING(s, a % 6)", v => S(v) is { } s && A(v) is { } a ? Substring(s, a % 6, int.MaxValue) : null);
        Matches("SUBSTRING(s, a % 6, b % 4)", v => S(v) is { } s && A(v) is { } a && v[1] is int b ? Substring(s, a % 6, b % 4) : null);
        Matches("SUBSTR(s, 2, 2)", v => S(v) is { } s ? Substring(s, 2, 2) : null);
        Assert.Equal("ll", Value("SUBSTRING('hello' FROM 3 FOR 2)"));
        Assert.Equal("lo", Value("SUBSTRING('hello', -2)"));
        Assert.Equal("ri", Value("SUBSTRING('Zürich', 3, 2)"));
    }

    [Fact]
    public void TrimFunctionsRemoveEveryGivenCharacter()
    {
        Matches("TRIM(s)", v => S(v)?.Trim(' '));
        Matches("LTRIM(s)", v => S(v)?.TrimStart(' '));
        Matches("RTRIM(s)", v => S(v)?.TrimEnd(' '));
        Matches("TRIM(BOTH 'ab' FROM s)", v => S(v)?.Trim('a', 'b'));
        Matches("TRIM(LEADING 'a' FROM s)", v => S(v)?.TrimStart('a'));
        Matches("TRIM(TRAILING t FROM s)", v => S(v) is { } s && T(v) is { } t ? (t.Length == 0 ? s : s.TrimEnd(t.ToCharArray())) : null);
        Assert.Equal("Zürich", Value("TRIM('ü' FROM 'üZürichü')"));
    }

    [Fact]
    public void ReplacePositionLeftRightReverseRepeat()
    {
        Matches("REPLACE(s, 'a', 'XY')", v => S(v)?.Replace("a", "XY", StringComparison.Ordinal));
        Matches("REPLACE(s, t, '-')", v => S(v) is { } s && T(v) is { } t ? (t.Length == 0 ? JavaReplaceEmpty(s, "-") : s.Replace(t, "-", StringComparison.Ordinal)) : null);
        Matches("POSITION(t IN s)", v => S(v) is { } s && T(v) is { } t ? s.IndexOf(t, StringComparison.Ordinal) + 1 : null);
        Matches("LOCATE('a', s, 2)", v => S(v) is { } s ? (s.Length == 0 ? 0 : s.IndexOf('a', 1) + 1) : null);
        Matches("INSTR(s, 'b')", v => S(v) is { } s ? s.IndexOf('b', StringComparison.Ordinal) + 1 : null);
        Matches("LEFT(s, a % 4)", v => S(v) is { } s && A(v) is { } a ? (a % 4 <= 0 ? "" : s[..Math.Min(s.Length, a % 4)]) : null);
        Matches("RIGHT(s, 2)", v => S(v) is { } s ? s[Math.Max(0, s.Length - 2)..] : null);
        Matches("REVERSE(s)", v => S(v) is { } s ? new string(s.Reverse().ToArray()) : null);
        Matches("REPEAT(s, b % 3)", v => S(v) is { } s && v[1] is int b ? string.Concat(Enumerable.Repeat(s, Math.Max(0, b % 3))) : null);
        Assert.Equal("-a-b-c-", Value("REPLACE('abc', '', '-')"));
        Assert.Equal(0, Value("POSITION('z' IN 'abc')"));
        Assert.Equal(1, Value("POSITION('' IN 'abc')"));
        Assert.Equal(4, Value("LOCATE('b', 'abcb', 3)"));
        Assert.Equal(5, Value("POSITION('c' IN 'Zürich')"));
    }

    [Fact]
    public void PaddingFollowsFlinksExamples()
    {
        // Flink documentation: LPAD('hi', 4, '??') = '??hi', LPAD('hi', 1, '??') = 'h'; RPAD likewise.
        Assert.Equal("??hi", Value("LPAD('hi', 4, '??')"));
        Assert.Equal("h", Value("LPAD('hi', 1, '??')"));
        Assert.Equal("hi??", Value("RPAD('hi', 4, '??')"));
        Assert.Equal("h", Value("RPAD('hi', 1, '??')"));
        Assert.Equal("abahi", Value("LPAD('hi', 5, 'ab')"));
        Assert.Null(Value("LPAD('hi', -1, '??')"));
        Assert.Null(Value("RPAD('hi', 4, '')"));
        Assert.Equal("", Value("LPAD('hi', 0, '?')"));
        Matches("LPAD(s, 4, '*')", v => S(v) is { } s ? (s.Length >= 4 ? s[..4] : s.PadLeft(4, '*')) : null);
        Matches("RPAD(s, 3, t)", v => S(v) is { } s && T(v) is { } t ? (t.Length == 0 ? null : JavaRpad(s, 3, t)) : null);
    }

    [Fact]
    public void CaseLengthAsciiChrConcat()
    {
        Matches("UPPER(s)", v => S(v)?.ToUpperInvariant().Replace("ß", "SS", StringComparison.Ordinal)); // Java's full mapping
        Matches("LOWER(s)", v => S(v)?.ToLowerInvariant());
        Matches("INITCAP(s)", v => S(v) is { } s ? InitCap(s) : null);
        Matches("CHAR_LENGTH(s)", v => S(v)?.Length);
        Assert.Equal(3, Value("CHAR_LENGTH('abc')"));
        Assert.Equal(0, Value("CHAR_LENGTH('')"));
        Assert.Equal(6, Value("CHAR_LENGTH('Zürich')"));
        Assert.Equal(2, Value("CHAR_LENGTH('😀a')"));
        Matches("CHARACTER_LENGTH(t)", v => T(v)?.Length);
        Matches("ASCII(s)", v => S(v) is { } s ? (s.Length == 0 ? 0 : (int)s[0]) : null);
        Matches("CHR(a + 60)", v => A(v) is { } a ? (a + 60 < 0 ? "" : ((char)((a + 60) & 0xFF)).ToString()) : null);
        Matches("CONCAT_WS('~', s, t, 'z')", v => string.Join("~", new[] { S(v), T(v), "z" }.Where(x => x is not null)));
        Matches("CONCAT(s, t)", v => S(v) is { } s && T(v) is { } t ? s + t : null);
        // Flink documentation examples.
        Assert.Equal(97, Value("ASCII('abc')"));
        Assert.Equal("a", Value("CHR(97)"));
        Assert.Equal("AA~BB~~CC", Value("CONCAT_WS('~', 'AA', CAST(NULL AS STRING), 'BB', '', 'CC')"));
        Assert.Equal("This is a test String.This is a test String.", Value("REPEAT('This is a test String.', 2)"));
        Assert.Equal("Hello World", Value("INITCAP('hELLO wORLD')"));
        Assert.Equal("This is a new string", Value("OVERLAY('This is an old string' PLACING ' new' FROM 10 FOR 5)"));
    }

    [Fact]
    public void OverlayFollowsFlinksImplementation()
    {
        Assert.Equal("xyzxxxx", Value("OVERLAY('xxxxxx' PLACING 'yz' FROM 2 FOR 1)"));
        Assert.Equal("xyzxxx", Value("OVERLAY('xxxxxx' PLACING 'yz' FROM 2)"));
        Assert.Equal("abc", Value("OVERLAY('abc' PLACING 'X' FROM 0)"));
        Assert.Equal("abX", Value("OVERLAY('abc' PLACING 'X' FROM 3 FOR 1)"));
    }

    [Fact]
    public void SplitIndexSplitsOnTheWholeSeparator()
    {
        Assert.Equal("b", Value("SPLIT_INDEX('a,b,c', ',', 1)"));
        Assert.Equal("", Value("SPLIT_INDEX('a,,c', ',', 1)"));
        Assert.Equal("c", Value("SPLIT_INDEX('a::b::c', '::', 2)"));
        Assert.Null(Value("SPLIT_INDEX('a,b', ',', 2)"));
        Assert.Null(Value("SPLIT_INDEX('a,b', ',', -1)"));
        Matches("SPLIT_INDEX(s, 'a', 1)", v => S(v) is { } s && s.Length > 0 && s.Split('a') is { Length: > 1 } parts ? parts[1] : null);
    }

    [Fact]
    public void RegularExpressions()
    {
        // Flink documentation: REGEXP_EXTRACT('foothebar', 'foo(.*?)(bar)', 2) = 'bar'; REGEXP_REPLACE('foobar', 'oo|ar', '') = 'fb'.
        Assert.Equal("bar", Value("REGEXP_EXTRACT('foothebar', 'foo(.*?)(bar)', 2)"));
        Assert.Equal("foothebar", Value("REGEXP_EXTRACT('foothebar', 'foo(.*?)(bar)')"));
        Assert.Null(Value("REGEXP_EXTRACT('foothebar', 'foo(.*?)(bar)', 3)"));
        Assert.Null(Value("REGEXP_EXTRACT('foothebar', 'x(')"));
        Assert.Equal("fb", Value("REGEXP_REPLACE('foobar', 'oo|ar', '')"));
        Assert.Equal("f$1b$1", Value("REGEXP_REPLACE('foobar', 'oo|ar', '$1')"));
        Assert.Equal(true, Value("REGEXP('foothebar', 'the')"));
        Assert.Equal(false, Value("REGEXP('foothebar', '')"));
        Assert.Equal(false, Value("REGEXP('foothebar', '(')"));
        Assert.Equal(new object?[] { "1", "2" }, Value("REGEXP_EXTRACT_ALL('a1b2', '(\\d)')"));
        Matches("REGEXP(s, '^[a-z]+$')", v => S(v) is { } s ? Regex.IsMatch(s, "^[a-z]+$") : null);
        Matches("REGEXP_REPLACE(s, '[aeiou]', '*')", v => S(v) is { } s ? Regex.Replace(s, "[aeiou]", "*") : null);
        Matches("REGEXP_EXTRACT(s, '([a-z])([0-9])', 2)", v => S(v) is { } s && Regex.Match(s, "([a-z])([0-9])") is { Success: true } m ? m.Groups[2].Value : null);
    }

    [Fact]
    public void Base64AndHashes()
    {
        Assert.Equal("aGVsbG8gd29ybGQ=", Value("TO_BASE64('hello world')"));
        Assert.Equal("hello world", Value("FROM_BASE64('aGVsbG8gd29ybGQ=')"));
        Assert.Equal(ErrorDomain.User, Assert.Throws<SluiceException>(() => Value("FROM_BASE64('%%%')")).Domain);
        // Published test vectors: MD5(""), SHA-1/SHA-224/SHA-256 of "abc" (FIPS 180-4 examples).
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", Value("MD5('')"));
        Assert.Equal("a9993e364706816aba3e25717850c26c9cd0d89d", Value("SHA1('abc')"));
        Assert.Equal("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7", Value("SHA224('abc')"));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Value("SHA256('abc')"));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Value("SHA2('abc', 256)"));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Value("SHA2('abc', 0)"));
        Assert.Null(Value("SHA2('abc', 100)"));
        Assert.Null(Value("SHA2('abc', 160)"));
        Matches("TO_BASE64(s)", v => S(v) is { } s ? Convert.ToBase64String(Encoding.UTF8.GetBytes(s)) : null);
        Matches("SHA512(s)", v => S(v) is { } s ? Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(Encoding.UTF8.GetBytes(s))) : null);
    }

    [Fact]
    public void UuidsAreVersionFourAndDeterministicWithASeed()
    {
        var environment = Sluice.Sql.Physical.Expressions.ExpressionEnvironment.Default with { RandomSeed = 7 };
        var first = (string)Value("UUID()", environment)!;
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", first);
        Assert.Equal(first, Value("UUID()", environment));
    }

    [Fact]
    public void LikeMatchesTheRegexTranslationOfThePattern()
    {
        foreach (var pattern in new[] { "a%", "%b", "_b%", "%", "", "a", "%a%b%", "__", "%\u00fc%", "a_b" })
        {
            var regex = "^" + string.Concat(pattern.Select(c => c switch { '%' => "(?s:.*)", '_' => "[^\n\r\u0085\u2028\u2029]", _ => Regex.Escape(c.ToString()) })) + "$";
            Matches($"s LIKE '{pattern}'", v => S(v) is { } s ? Regex.IsMatch(s, regex) : null, batches: 2);
            Matches($"s NOT LIKE '{pattern}'", v => S(v) is { } s ? !Regex.IsMatch(s, regex) : null, batches: 1);
        }

        Matches("s LIKE t", v => S(v) is { } s && T(v) is { } t
            ? Regex.IsMatch(s, "^" + string.Concat(t.Select(c => c switch { '%' => "(?s:.*)", '_' => ".", _ => Regex.Escape(c.ToString()) })) + "$")
            : null);
        Assert.Equal(true, Value("'a%b' LIKE 'a!%b' ESCAPE '!'"));
        Assert.Equal(false, Value("'axb' LIKE 'a!%b' ESCAPE '!'"));
        Assert.Equal(true, Value("'a_b' LIKE 'a\\_b' ESCAPE '\\'"));
        Assert.Equal(true, Value("'a\\b' LIKE 'a\\b'"));
        Assert.Equal(false, Value("'a\nb' LIKE 'a_b'"));
        Assert.Equal(true, Value("'a\nb' LIKE 'a%b'"));
        Assert.Equal(ErrorDomain.User, Assert.Throws<SluiceException>(() => Compile("s LIKE 'a!' ESCAPE '!'")).Domain);
        Assert.Equal(ErrorDomain.User, Assert.Throws<SluiceException>(() => Compile("s LIKE 'a!x' ESCAPE '!'")).Domain);
    }

    [Fact]
    public void SimilarToUsesSqlRegularExpressions()
    {
        Assert.Equal(true, Value("'abc' SIMILAR TO 'a%'"));
        Assert.Equal(true, Value("'abc' SIMILAR TO '(a|x)b_'"));
        Assert.Equal(false, Value("'abcd' SIMILAR TO '(a|x)b_'"));
        Assert.Equal(true, Value("'aaa' SIMILAR TO 'a+'"));
        Assert.Equal(true, Value("'a1' SIMILAR TO '[[:ALPHA:]][[:DIGIT:]]'"));
        Assert.Equal(true, Value("'a+' SIMILAR TO 'a!+' ESCAPE '!'"));
        Assert.Equal(false, Value("'aa' SIMILAR TO 'a!+' ESCAPE '!'"));
        Matches("s SIMILAR TO '%(a|b)%'", v => S(v) is { } s ? s.Contains('a', StringComparison.Ordinal) || s.Contains('b', StringComparison.Ordinal) : null);
    }

    [Fact]
    public void BtrimTranslateAndUrlCodingMatchFlinksRules()
    {
        Matches("BTRIM(s)", v => S(v)?.Trim(' '));
        Matches("BTRIM(s, 'a%')", v => S(v)?.Trim('a', '%'));
        Matches("TRANSLATE(s, 'ae%', 'Äx')", v => S(v) is { } s ? string.Concat(s.Select(c => c switch { 'a' => "Ä", 'e' => "x", '%' => "", _ => c.ToString() })) : null);
        Matches("URL_DECODE(URL_ENCODE(s))", v => S(v));
        Matches("URL_ENCODE(s)", v => S(v) is { } s ? JavaUrlEncode(s) : null);
        Assert.Equal("a+b%26c%3Dd%C3%A9*._-", Value("URL_ENCODE('a b&c=dé*._-')"));
        Assert.Equal("a b&c=dé", Value("URL_DECODE('a+b%26c%3Dd%C3%A9')"));
        Assert.Null(Value("URL_DECODE('100%')"));
        Assert.Null(Value("URL_DECODE('%zz')"));
        Assert.Equal("A1b", Value("TRANSLATE('a1bc', 'ac', 'A')"));
        Assert.Equal("xx", Value("BTRIM('  xx ')"));
    }

    /// <summary>Java's URLEncoder in UTF-8: letters, digits and <c>.-*_</c> stay, space is <c>+</c>, the rest <c>%XX</c>.</summary>
    private static string JavaUrlEncode(string s)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '*' or '_' ? c.ToString()
                : c == ' ' ? "+" : "%" + b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static string JavaReplaceEmpty(string s, string replacement) => replacement + string.Concat(s.Select(c => c + replacement));

    private static string JavaRpad(string s, int length, string pad)
    {
        var builder = new StringBuilder(s.Length >= length ? s[..length] : s);
        while (builder.Length < length)
        {
            builder.Append(pad[..Math.Min(pad.Length, length - builder.Length)]);
        }

        return builder.ToString();
    }

    private static string InitCap(string s)
    {
        var builder = new StringBuilder();
        var start = true;
        foreach (var c in s)
        {
            var word = char.IsAsciiLetterOrDigit(c); // Flink's INITCAP: only ASCII letters and digits make words
            builder.Append(word ? (start ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)) : c);
            start = !word;
        }

        return builder.ToString();
    }
}
