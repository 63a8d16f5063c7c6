using System.Globalization;
using Sluice.Core.Errors;
using Sluice.Core.Types;
using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>CAST and TRY_CAST between numbers, booleans, strings, binaries and constructed types, in Flink's text forms.</summary>
public sealed class CastTests
{
    [Fact]
    public void NumbersToStringUseJavasText()
    {
        Assert.Equal("1.0", Value("CAST(1.0e0 AS STRING)"));
        Assert.Equal("1.0E10", Value("CAST(1e10 AS STRING)"));
        Assert.Equal("1.0E-4", Value("CAST(1e-4 AS STRING)"));
        Assert.Equal("0.001", Value("CAST(1e-3 AS STRING)"));
        Assert.Equal("1234567.0", Value("CAST(1234567e0 AS STRING)"));
        Assert.Equal("1.2345678E7", Value("CAST(12345678e0 AS STRING)"));
        Assert.Equal("-2.5", Value("CAST(-2.5e0 AS STRING)"));
        Assert.Equal("0.1", Value("CAST(CAST(0.1 AS FLOAT) AS STRING)"));
        Assert.Equal("NaN", Value("CAST(CAST('NaN' AS DOUBLE) AS STRING)"));
        Assert.Equal("-Infinity", Value("CAST(-1e0 / 0e0 AS STRING)"));
        Assert.Equal("-7", Value("CAST(-7 AS STRING)"));
        Assert.Equal("TRUE", Value("CAST(1 = 1 AS STRING)"));
        Assert.Equal("FALSE", Value("CAST(1 = 2 AS STRING)"));
        Matches("CAST(d AS STRING)", v => v[3] is double x ? JavaDouble(x) : null);
        Matches("CAST(CAST(d AS STRING) AS DOUBLE)", v => v[3]);
        Matches("CAST(c AS STRING)", v => (v[2] as long?)?.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void StringsToNumbersTrimAndTruncate()
    {
        Assert.Equal(12, Value("CAST(' 12 ' AS INT)"));
        Assert.Equal(1, Value("CAST('1.9' AS INT)"));
        Assert.Equal(-1, Value("CAST('-1.9' AS INT)"));
        Assert.Equal(1.5, Value("CAST('1.5' AS DOUBLE)"));
        Assert.Equal(1e10, Value("CAST('1E10' AS DOUBLE)"));
        Assert.Null(Value("TRY_CAST('1x' AS INT)"));
        Assert.Null(Value("TRY_CAST('99999999999' AS INT)"));
        Assert.Equal((sbyte)-128, Value("CAST('-128' AS TINYINT)"));
        var error = Assert.Throws<SluiceException>(() => Value("CAST('abc' AS INT)"));
        Assert.Equal(ErrorDomain.User, error.Domain);
        Assert.Contains("'abc'", error.Message, StringComparison.Ordinal);
        Assert.Contains("INT", error.Message, StringComparison.Ordinal);
        Matches("TRY_CAST(s AS BIGINT)", v => v[4] is string s && long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null);
    }

    [Fact]
    public void NumericCastsTruncateAndWrapAsJava()
    {
        Assert.Equal(1, Value("CAST(1.5e0 AS INT)"));
        Assert.Equal(-1, Value("CAST(-1.5e0 AS INT)"));
        Assert.Equal(int.MaxValue, Value("CAST(1e20 AS INT)"));
        Assert.Equal(0, Value("CAST(CAST('NaN' AS DOUBLE) AS INT)"));
        Assert.Equal((sbyte)-56, Value("CAST(200 AS TINYINT)"));
        Assert.Equal((short)-1, Value("CAST(65535 AS SMALLINT)"));
        Matches("CAST(c AS INT)", v => v[2] is long x ? unchecked((int)x) : null);
        Matches("CAST(d AS BIGINT)", v => v[3] is double x ? (long)x : null);
        Matches("CAST(a AS TINYINT)", v => v[0] is int x ? (sbyte)x : null);
    }

    [Fact]
    public void BooleanCasts()
    {
        foreach (var word in new[] { "true", "TRUE", " t ", "yes", "Y", "1" })
        {
            Assert.Equal(true, Value($"CAST('{word}' AS BOOLEAN)"));
        }

        foreach (var word in new[] { "false", "F", "no", "n", "0" })
        {
            Assert.Equal(false, Value($"CAST('{word}' AS BOOLEAN)"));
        }

        Assert.Null(Value("TRY_CAST('maybe' AS BOOLEAN)"));
        Assert.Equal(ErrorDomain.User, Assert.Throws<SluiceException>(() => Value("CAST('maybe' AS BOOLEAN)")).Domain);
        Assert.Equal(1, Value("CAST(TRUE AS INT)"));
        Assert.Equal(0.0, Value("CAST(FALSE AS DOUBLE)"));
        Assert.Equal(1.00m, Value("CAST(TRUE AS DECIMAL(3, 2))"));
        Matches("CAST(a AS BOOLEAN)", v => v[0] is int x ? x != 0 : null);
        Matches("CAST(d AS BOOLEAN)", v => v[3] is double x ? x != 0 : null);
    }

    [Fact]
    public void CharacterLengthsArePaddedAndTruncated()
    {
        Assert.Equal("ab   ", Value("CAST('ab' AS CHAR(5))"));
        Assert.Equal("abc", Value("CAST('abcdef' AS VARCHAR(3))"));
        Assert.Equal("Zür", Value("CAST('Zürich' AS CHAR(3))"));
        Assert.Equal(DataTypes.VarChar(3), Bind("CAST(s AS VARCHAR(3))").Type.Nullable());
        Matches("CAST(s AS VARCHAR(2))", v => v[4] is string s ? s[..Math.Min(2, s.Length)] : null);
        Matches("CAST(a AS CHAR(4))", v => v[0] is int x ? x.ToString(CultureInfo.InvariantCulture).PadRight(4) : null);
    }

    [Fact]
    public void BinaryStrings()
    {
        Assert.Equal(new byte[] { 0x61, 0x62 }, Value("CAST('ab' AS BYTES)"));
        Assert.Equal(new byte[] { 0x61, 0x62, 0, 0 }, Value("CAST('ab' AS BINARY(4))"));
        Assert.Equal(new byte[] { 0x61 }, Value("CAST('ab' AS VARBINARY(1))"));
        Assert.Equal("ab", Value("CAST(CAST('ab' AS BYTES) AS STRING)"));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, Value("x'0102' || x'0304'"));
    }

    [Fact]
    public void ConstructedTypesToStringAndElementWise()
    {
        Assert.Equal("[1, 2, null]", Value("CAST(ARRAY[1, 2, CAST(NULL AS INT)] AS STRING)"));
        Assert.Equal("{a=1}", Value("CAST(MAP['a', 1] AS STRING)"));
        Assert.Equal("(1, x, TRUE)", Value("CAST(ROW(1, 'x', TRUE) AS STRING)"));
        Matches("CAST(arr AS STRING)", v => v[15] is object?[] items ? "[" + string.Join(", ", items.Select(i => i?.ToString() ?? "null")) + "]" : null);
        Matches("CAST(arr AS ARRAY<STRING>)", v => (v[15] as object?[])?.Select(i => (object?)(i as int?)?.ToString(CultureInfo.InvariantCulture)).ToArray());
        Matches("CAST(r AS ROW<x BIGINT, y STRING>)", v => v[17] is object?[] fields ? new object?[] { (long?)(fields[0] as int?), fields[1] } : null);
        Matches("CAST(arr AS ARRAY<DOUBLE>)", v => (v[15] as object?[])?.Select(i => (object?)(double?)(i as int?)).ToArray());
    }

    [Fact]
    public void ResultVectorsCarryTheDeclaredType()
    {
        foreach (var expression in new[] { "CAST(s AS STRING)", "CAST(h AS TIMESTAMP(6))", "CAST(e AS DECIMAL(12, 2))", "CAST(s AS VARCHAR(100))" })
        {
            var compiled = Compile(expression);
            using var batch = RandomBatches.Create(1, rows: 10);
            using var result = compiled.Evaluate(batch);
            Assert.True(result.DataType.EqualsIgnoringNullability(Bind(expression).Type), $"{expression}: {result.DataType}");
        }
    }

    private static string JavaDouble(double x)
    {
        if (x == 0)
        {
            return double.IsNegative(x) ? "-0.0" : "0.0";
        }

        var magnitude = Math.Abs(x);
        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            var text = x.ToString("R", CultureInfo.InvariantCulture);
            return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
        }

        var exponent = (int)Math.Floor(Math.Log10(magnitude));
        var mantissa = (x / Math.Pow(10, exponent)).ToString("R", CultureInfo.InvariantCulture);
        return (mantissa.Contains('.', StringComparison.Ordinal) ? mantissa : mantissa + ".0") + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }
}
