using System.Text;
using System.Text.RegularExpressions;
using Sluice.Core.Errors;
using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// Flink 2's string functions REGEXP_COUNT, REGEXP_INSTR, REGEXP_SUBSTR, STARTSWITH, ENDSWITH, UNHEX, PRINTF and
/// CURRENT_DATABASE: Flink's documented examples, C# references over random columns, and Java's format rules.
/// </summary>
public sealed class RegexAffixAndFormatFunctionTests
{
    private const string Players = "'Steven Jones and Stephen Smith are the best players'";

    private static string? S(object?[] v) => v[4] as string;

    private static string? T(object?[] v) => v[5] as string;

    [Fact]
    public void Regexp_count_instr_and_substr_give_flinks_documented_results()
    {
        Assert.Equal(2, Value($"REGEXP_COUNT({Players}, 'Ste(v|ph)en')"));
        Assert.Equal(0, Value("REGEXP_COUNT('Mary had a little lamb', 'Ste(v|ph)en')"));
        Assert.Equal(1, Value($"REGEXP_INSTR({Players}, 'Ste(v|ph)en')"));
        Assert.Equal(0, Value("REGEXP_INSTR('Mary had a little lamb', 'Ste(v|ph)en')"));
        Assert.Equal("Steven", Value($"REGEXP_SUBSTR({Players}, 'Ste(v|ph)en')"));
        Assert.Null(Value("REGEXP_SUBSTR('Mary had a little lamb', 'Ste(v|ph)en')"));
    }

    [Fact]
    public void Regexp_functions_are_null_for_null_arguments_and_invalid_expressions()
    {
        Assert.Null(Value("REGEXP_COUNT('abc', '(')"));
        Assert.Null(Value("REGEXP_INSTR('abc', '[')"));
        Assert.Null(Value("REGEXP_SUBSTR('abc', '(')"));
        Assert.Null(Value("REGEXP_COUNT(CAST(NULL AS STRING), 'a')"));
        Assert.Null(Value("REGEXP_INSTR('a', CAST(NULL AS STRING))"));
        Assert.Equal("INT", Bind("REGEXP_COUNT(s, 'a')").Type.ToString());
        Assert.Equal("INT", Bind("REGEXP_INSTR(s, 'a')").Type.ToString());
    }

    [Fact]
    public void Regexp_functions_match_a_reference_over_random_strings()
    {
        var vowels = new Regex("[aeiouäöü]+");
        Matches("REGEXP_COUNT(s, '[aeiouäöü]+')", v => S(v) is { } s ? vowels.Count(s) : null);
        Matches("REGEXP_INSTR(s, '[aeiouäöü]+')", v => S(v) is { } s ? (vowels.Match(s) is { Success: true } m ? m.Index + 1 : 0) : null);
        Matches("REGEXP_SUBSTR(s, '[aeiouäöü]+')", v => S(v) is { } s && vowels.Match(s) is { Success: true } m ? m.Value : null);
        // A pattern taken from the data: the text itself, escaped by nothing, so some rows hold invalid expressions.
        Matches("REGEXP_COUNT(s, t)", v =>
        {
            if (S(v) is not { } s || T(v) is not { } t)
            {
                return null;
            }

            try
            {
                return new Regex(t).Count(s);
            }
            catch (ArgumentException)
            {
                return null;
            }
        });
    }

    [Fact]
    public void Startswith_and_endswith_compare_characters_and_bytes()
    {
        Matches("STARTSWITH(s, t)", v => S(v) is { } s && T(v) is { } t ? s.StartsWith(t, StringComparison.Ordinal) : null);
        Matches("ENDSWITH(s, t)", v => S(v) is { } s && T(v) is { } t ? s.EndsWith(t, StringComparison.Ordinal) : null);
        Matches("STARTSWITH(s, SUBSTRING(s, 1, 2))", v => S(v) is not null ? true : null);
        Matches("ENDSWITH(s, '')", v => S(v) is not null ? true : null);
        Assert.Equal(true, Value("STARTSWITH(X'0102', X'01')"));
        Assert.Equal(false, Value("ENDSWITH(X'0102', X'01')"));
        Assert.Equal(true, Value("ENDSWITH('Grüße', 'ße')"));
        Assert.Null(Value("STARTSWITH(CAST(NULL AS STRING), 'a')"));
        var error = Assert.ThrowsAny<SluiceException>(() => Bind("STARTSWITH(s, X'01')"));
        Assert.Contains("STARTSWITH", error.Message);
    }

    [Fact]
    public void Unhex_reads_hex_digits_into_bytes()
    {
        Assert.Equal("abc"u8.ToArray(), Value("UNHEX('616263')"));
        Assert.Equal(new byte[] { 0x0A, 0xBC }, Value("UNHEX('abc')"));
        Assert.Equal(Array.Empty<byte>(), Value("UNHEX('')"));
        Assert.Null(Value("UNHEX('6g')"));
        Assert.Null(Value("UNHEX(CAST(NULL AS STRING))"));
        Matches("UNHEX(HEX(s))", v => S(v) is { } s ? Encoding.UTF8.GetBytes(s) : null);
    }

    [Theory]
    [InlineData("PRINTF('%s and %s', 'a', 'b')", "a and b")]
    [InlineData("PRINTF('%d items', 42)", "42 items")]
    [InlineData("PRINTF('%5d|%-5d|%05d', 42, 42, -42)", "   42|42   |-0042")]
    [InlineData("PRINTF('%,d %+d % d %(d', 1234567, 5, 5, -5)", "1,234,567 +5  5 (5)")]
    [InlineData("PRINTF('%x %X %o %#x %#o', 255, 255, 8, 255, 8)", "ff FF 10 0xff 010")]
    [InlineData("PRINTF('%x', -1)", "ffffffff")]
    [InlineData("PRINTF('%x', CAST(-1 AS BIGINT))", "ffffffffffffffff")]
    [InlineData("PRINTF('%.2f', 3.14159)", "3.14")]
    [InlineData("PRINTF('%.2f', CAST(2.675 AS DOUBLE))", "2.68")]
    [InlineData("PRINTF('%f', CAST(1.5 AS DOUBLE))", "1.500000")]
    [InlineData("PRINTF('%,.1f', CAST(1234567.25 AS DOUBLE))", "1,234,567.3")]
    [InlineData("PRINTF('%e', CAST(12345.678 AS DOUBLE))", "1.234568e+04")]
    [InlineData("PRINTF('%.1E', CAST(0.000123 AS DOUBLE))", "1.2E-04")]
    [InlineData("PRINTF('%g|%g', CAST(0.0001 AS DOUBLE), CAST(123456789 AS DOUBLE))", "0.000100000|1.23457e+08")]
    [InlineData("PRINTF('%.3s|%S|%b|%b', 'abcdef', 'up', TRUE, CAST(NULL AS INT))", "abc|UP|true|false")]
    [InlineData("PRINTF('%s|%d', CAST(NULL AS STRING), CAST(NULL AS INT))", "null|null")]
    [InlineData("PRINTF('%2$s %1$s %<s', 'a', 'b')", "b a a")]
    [InlineData("PRINTF('100%% %c%n', 65)", "100% A\n")]
    [InlineData("PRINTF('%s', DATE '2024-01-02')", "2024-01-02")]
    [InlineData("PRINTF('%10.4f|', CAST(-2.5 AS DOUBLE))", "   -2.5000|")]
    [InlineData("PRINTF('no arguments')", "no arguments")]
    public void Printf_formats_as_javas_formatter(string expression, string expected) => Assert.Equal(expected, Value(expression));

    [Theory]
    [InlineData("PRINTF('%d', 'text')")]
    [InlineData("PRINTF('%d', CAST(1.5 AS DOUBLE))")]
    [InlineData("PRINTF('%f', 1)")]
    [InlineData("PRINTF('%s %s', 'only one')")]
    [InlineData("PRINTF('%q', 1)")]
    [InlineData("PRINTF('%-d', 1)")]
    [InlineData("PRINTF('%+ d', 1)")]
    [InlineData("PRINTF('%', 1)")]
    [InlineData("PRINTF(CAST(NULL AS STRING), 1)")]
    public void Printf_is_null_where_java_rejects_the_format(string expression) => Assert.Null(Value(expression));

    [Fact]
    public void Current_database_is_the_catalogs_current_database() =>
        Assert.Equal("default_database", Value("CURRENT_DATABASE()"));
}
