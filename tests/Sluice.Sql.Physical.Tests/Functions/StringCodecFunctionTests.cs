using System.Text;
using Sluice.Core.Errors;
using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Functions;

/// <summary>
/// ELT, SPLIT, JSON_QUOTE, JSON_UNQUOTE, ENCODE and DECODE with Flink's documented semantics (the examples of Flink's
/// function reference and the null handling it states), and C# references on random rows.
/// </summary>
public sealed class StringCodecFunctionTests
{
    [Fact]
    public void Elt_ReturnsTheIndexthExpression_NullOutOfRange()
    {
        Assert.Equal("scala", Value("ELT(1, 'scala', 'java')"));
        Assert.Equal("java", Value("ELT(2, 'scala', 'java')"));
        Assert.Null(Value("ELT(3, 'scala', 'java')"));
        Assert.Null(Value("ELT(0, 'scala', 'java')"));
        Assert.Null(Value("ELT(-1, 'scala', 'java')"));
        Assert.Null(Value("ELT(CAST(NULL AS INT), 'scala', 'java')"));
        Assert.Null(Value("ELT(1, CAST(NULL AS STRING), 'java')"));
        Assert.Equal(Encoding.UTF8.GetBytes("b"), Value("ELT(CAST(2 AS BIGINT), X'61', X'62')"));
    }

    [Fact]
    public void Elt_OnColumns_PicksPerRow()
    {
        Matches("ELT(a % 3, s, t)", v => v[0] is int a ? (a % 3) switch
        {
            1 => v[4],
            2 => v[5],
            _ => null,
        } : null);
    }

    [Fact]
    public void Elt_RejectsMixedCharacterAndBinaryExpressions()
    {
        var error = Assert.ThrowsAny<SluiceException>(() => Bind("ELT(1, 'a', X'62')"));
        Assert.Contains("ELT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_FollowsFlinksDocumentedCases()
    {
        Assert.Equal(new object?[] { "a", "b", "", "c" }, Value("SPLIT('a,b,,c', ',')"));
        Assert.Equal(new object?[] { "abc" }, Value("SPLIT('abc', ';')"));
        Assert.Equal(new object?[] { "a", "ü", "c" }, Value("SPLIT('aüc', '')"));
        Assert.Equal(new object?[] { "", "a", "" }, Value("SPLIT(',a,', ',')"));
        Assert.Equal(new object?[] { "a", "b" }, Value("SPLIT('a--b', '--')"));
        Assert.Equal(Array.Empty<object?>(), Value("SPLIT('', ',')"));
        Assert.Null(Value("SPLIT(CAST(NULL AS STRING), ',')"));
        Assert.Null(Value("SPLIT('a', CAST(NULL AS STRING))"));
        Assert.Equal("[a, b]", Value("CAST(SPLIT('a b', ' ') AS STRING)"));
    }

    [Fact]
    public void Split_OnColumns_MatchesStringSplit()
    {
        Matches("SPLIT(s, ' ')", v => v[4] is string s ? (s.Length == 0 ? [] : s.Split(' ').Cast<object?>().ToArray()) : null);
    }

    [Fact]
    public void JsonQuote_EscapesQuotesBackslashesSlashesControlsAndNonAscii()
    {
        Assert.Equal("\"Hello\"", Value("JSON_QUOTE('Hello')"));
        Assert.Equal("\"a\\\"b\\\\c\\/d\"", Value("JSON_QUOTE('a\"b\\c/d')"));
        Assert.Equal("\"a\\tb\\nc\"", Value("JSON_QUOTE('a' || CHR(9) || 'b' || CHR(10) || 'c')"));
        Assert.Equal("\"\\u00fc\"", Value("JSON_QUOTE('ü')"));
        Assert.Equal("\"\\ud83d\\ude00\"", Value("JSON_QUOTE('\U0001F600')"));
        Assert.Equal("\"\"", Value("JSON_QUOTE('')"));
        Assert.Null(Value("JSON_QUOTE(CAST(NULL AS STRING))"));
    }

    [Fact]
    public void JsonUnquote_UnescapesValidStringLiterals_AndPassesEverythingElseThrough()
    {
        Assert.Equal("Hello", Value("JSON_UNQUOTE('\"Hello\"')"));
        Assert.Equal("a\"b\\c/d", Value("JSON_UNQUOTE('\"a\\\"b\\\\c\\/d\"')"));
        Assert.Equal("a\tb\nc", Value("JSON_UNQUOTE('\"a\\tb\\nc\"')"));
        Assert.Equal("ü😀", Value("JSON_UNQUOTE('\"\\u00FC\\ud83d\\ude00\"')"));

        // Not quoted at both ends, or not a valid JSON string literal: unchanged.
        Assert.Equal("abc", Value("JSON_UNQUOTE('abc')"));
        Assert.Equal("\"abc", Value("JSON_UNQUOTE('\"abc')"));
        Assert.Equal("[1,2]", Value("JSON_UNQUOTE('[1,2]')"));
        Assert.Equal("\"a\"b\"", Value("JSON_UNQUOTE('\"a\"b\"')"));
        Assert.Equal("\"a\\xb\"", Value("JSON_UNQUOTE('\"a\\xb\"')"));
        Assert.Equal("\"\\u12\"", Value("JSON_UNQUOTE('\"\\u12\"')"));
        Assert.Null(Value("JSON_UNQUOTE(CAST(NULL AS STRING))"));
    }

    [Fact]
    public void JsonUnquote_InvertsJsonQuote()
    {
        Matches("JSON_UNQUOTE(JSON_QUOTE(s))", v => v[4]);
    }

    [Fact]
    public void Encode_UsesTheCharacterSet()
    {
        Assert.Equal(new byte[] { 0x68, 0xC3, 0xA9 }, Value("ENCODE('hé', 'UTF-8')"));
        Assert.Equal(new byte[] { 0x68, 0xE9 }, Value("ENCODE('hé', 'ISO-8859-1')"));
        Assert.Equal(new byte[] { 0x68, 0x3F }, Value("ENCODE('hé', 'US-ASCII')"));
        Assert.Equal(new byte[] { 0x00, 0x41, 0x00, 0x42 }, Value("ENCODE('AB', 'UTF-16BE')"));
        Assert.Equal(new byte[] { 0x41, 0x00, 0x42, 0x00 }, Value("ENCODE('AB', 'utf-16le')"));
        Assert.Equal(new byte[] { 0xFE, 0xFF, 0x00, 0x41 }, Value("ENCODE('A', 'UTF-16')"));
        Assert.Null(Value("ENCODE(CAST(NULL AS STRING), 'UTF-8')"));
        Assert.Null(Value("ENCODE('a', CAST(NULL AS STRING))"));
    }

    [Fact]
    public void Decode_UsesTheCharacterSet()
    {
        Assert.Equal("hé", Value("DECODE(X'68E9', 'ISO-8859-1')"));
        Assert.Equal("hé", Value("DECODE(X'68C3A9', 'UTF-8')"));
        Assert.Equal("A\uFFFD", Value("DECODE(X'41E9', 'US-ASCII')"));
        Assert.Equal("AB", Value("DECODE(X'00410042', 'UTF-16BE')"));
        Assert.Equal("AB", Value("DECODE(X'41004200', 'UTF-16LE')"));
        Assert.Equal("A", Value("DECODE(X'FFFE4100', 'UTF-16')"));
        Assert.Equal("A", Value("DECODE(X'FEFF0041', 'UTF-16')"));
        Assert.Equal("A", Value("DECODE(X'0041', 'UTF-16')"));
        Assert.Null(Value("DECODE(CAST(NULL AS BYTES), 'UTF-8')"));
    }

    [Fact]
    public void EncodeThenDecode_RoundTripsEveryCharacterSetThatHoldsTheText()
    {
        foreach (var charset in new[] { "UTF-8", "UTF-16BE", "UTF-16LE", "UTF-16" })
        {
            Matches($"DECODE(ENCODE(s, '{charset}'), '{charset}')", v => v[4]);
        }
    }

    [Fact]
    public void Encode_UnknownCharacterSet_IsAnErrorNamingIt()
    {
        var error = Assert.Throws<SluiceException>(() => Value("ENCODE('a', 'EBCDIC')"));
        Assert.Equal(ErrorDomain.User, error.Domain);
        Assert.Contains("'EBCDIC'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'UTF-16LE'", error.Message, StringComparison.Ordinal);
    }
}
