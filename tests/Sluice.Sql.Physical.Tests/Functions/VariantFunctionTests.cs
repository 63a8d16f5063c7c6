using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Sql;
using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Functions;

/// <summary>
/// VARIANT as Flink 2.1 has it: PARSE_JSON / TRY_PARSE_JSON of every JSON kind, duplicate keys, field and element
/// access, casts out of a VARIANT (and their failures), TYPEOF, JSON_STRING, and a JSON null against SQL NULL.
/// </summary>
public sealed class VariantFunctionTests
{
    private static string? Json(string variant) => (string?)Value($"JSON_STRING({variant})");

    [Theory]
    [InlineData("null", "null")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("42", "42")]
    [InlineData("-70000", "-70000")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("9223372036854775808", "9223372036854775808")] // beyond BIGINT: a DECIMAL(19, 0)
    [InlineData("1.50", "1.5")] // a decimal; its text has no trailing zeros
    [InlineData("0.001", "0.001")]
    [InlineData("1e3", "1000.0")] // an exponent makes a double, printed as Java prints it
    [InlineData("1.5E20", "1.5E20")]
    [InlineData("\"a\\tb\"", "\"a\\tb\"")]
    [InlineData("[]", "[]")]
    [InlineData("{}", "{}")]
    [InlineData(" [1, \"x\", [null, {}]] ", "[1,\"x\",[null,{}]]")]
    [InlineData("{\"b\": 1, \"a\": {\"d\": [true], \"c\": 2.0}}", "{\"a\":{\"c\":2,\"d\":[true]},\"b\":1}")] // keys in order; 2.0 is a decimal
    public void ParseJson_ReadsEveryJsonKind_AndPrintsItBack(string json, string expected)
    {
        Assert.Equal(expected, Json($"PARSE_JSON('{json.Replace("'", "''", StringComparison.Ordinal)}')"));
    }

    [Fact]
    public void ParseJson_KeepsLongStrings()
    {
        var text = new string('x', 100);
        Assert.Equal($"\"{text}\"", Json($"PARSE_JSON('\"{text}\"')"));
        Assert.Equal(text, Value($"CAST(PARSE_JSON('[\"{text}\"]')[1] AS STRING)"));
    }

    [Fact]
    public void ParseJson_RejectsDuplicateKeys_UnlessAllowed_ThenTheLastWins()
    {
        const string duplicated = "'{\"a\": \"123\", \"b\": \"456\", \"a\": \"789\"}'";
        var error = Assert.Throws<SluiceException>(() => Value($"PARSE_JSON({duplicated})"));
        Assert.Contains("Duplicate key \"a\"", error.Message, StringComparison.Ordinal);
        Assert.Equal("{\"a\":\"789\",\"b\":\"456\"}", Json($"PARSE_JSON({duplicated}, TRUE)"));
        Assert.Throws<SluiceException>(() => Value($"PARSE_JSON({duplicated}, FALSE)"));
        Assert.Null(Value($"TRY_PARSE_JSON({duplicated})"));
        Assert.Equal("{\"a\":\"789\",\"b\":\"456\"}", Json($"TRY_PARSE_JSON({duplicated}, TRUE)"));

        // A duplicate in a nested object, with values of different sizes before and after it.
        Assert.Equal("{\"o\":{\"k\":[1,2,3],\"z\":0},\"p\":1}",
            Json("PARSE_JSON('{\"p\": 1, \"o\": {\"k\": \"a long string value\", \"z\": 0, \"k\": [1, 2, 3]}}', TRUE)"));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("")]
    [InlineData("[1, 2")]
    [InlineData("{\"a\": 1} x")]
    [InlineData("nul")]
    [InlineData("'single'")]
    public void ParseJson_FailsOnInvalidJson_WhereTryParseJsonIsNull(string json)
    {
        var literal = json.Replace("'", "''", StringComparison.Ordinal);
        var error = Assert.Throws<SluiceException>(() => Value($"PARSE_JSON('{literal}')"));
        Assert.Equal(ErrorDomain.User, error.Domain);
        Assert.Contains("PARSE_JSON failed to parse", error.Message, StringComparison.Ordinal);
        Assert.Null(Value($"TRY_PARSE_JSON('{literal}')"));
    }

    [Fact]
    public void ParseJson_OfNull_IsNull_AndTypes()
    {
        Assert.Null(Value("PARSE_JSON(CAST(NULL AS STRING))"));
        Assert.Null(Value("TRY_PARSE_JSON(CAST(NULL AS STRING))"));
        Assert.Equal(DataTypes.Variant().NotNull(), Bind("PARSE_JSON('1')").Type);
        Assert.Equal(DataTypes.Variant(), Bind("TRY_PARSE_JSON('1')").Type);
        Assert.Equal(DataTypes.Variant(), Bind("PARSE_JSON('{}')['a']").Type);
        Assert.Equal("VARIANT NOT NULL", Value("TYPEOF(PARSE_JSON('[1]'))"));
        Assert.Equal("VARIANT", Value("TYPEOF(PARSE_JSON('[1]')[1])"));
    }

    [Fact]
    public void ItemAccess_ReadsFieldsAndOneBasedElements_NullWhenMissing()
    {
        const string doc = "PARSE_JSON('{\"a\": {\"b\": [10, {\"c\": \"deep\"}, null]}, \"n\": null}')";
        Assert.Equal("{\"b\":[10,{\"c\":\"deep\"},null]}", Json($"{doc}['a']"));
        Assert.Equal("10", Json($"{doc}['a']['b'][1]"));
        Assert.Equal("\"deep\"", Json($"{doc}['a']['b'][2]['c']"));
        Assert.Null(Json($"{doc}['a']['b'][4]")); // past the end
        Assert.Null(Json($"{doc}['a']['b'][0]")); // 1-based
        Assert.Null(Json($"{doc}['missing']"));
        Assert.Null(Json($"{doc}['a']['b']['c']")); // a name on an array
        Assert.Null(Json($"{doc}[1]")); // an index on an object
        Assert.Null(Json($"{doc}['a']['b'][1]['x']")); // a name on a number
        Assert.Null(Json($"CAST(NULL AS VARIANT)['a']"));
    }

    [Fact]
    public void JsonNull_IsAValue_NotSqlNull()
    {
        const string doc = "PARSE_JSON('{\"n\": null}')";
        Assert.Equal(false, Value($"{doc}['n'] IS NULL"));
        Assert.Equal(true, Value($"{doc}['missing'] IS NULL"));
        Assert.Equal("null", Json($"{doc}['n']"));
        Assert.Equal(false, Value("PARSE_JSON('null') IS NULL"));
        Assert.Null(Value($"CAST({doc}['n'] AS INT)")); // a JSON null casts to SQL NULL
        Assert.Null(Value($"CAST({doc}['n'] AS STRING)"));
    }

    [Fact]
    public void CastToNumbers_IsLenientAcrossNumericKinds()
    {
        Assert.Equal(42, Value("CAST(PARSE_JSON('42') AS INT)"));
        Assert.Equal(42L, Value("CAST(PARSE_JSON('42') AS BIGINT)"));
        Assert.Equal(2, Value("CAST(PARSE_JSON('2.75') AS INT)")); // truncated toward zero
        Assert.Equal(-2, Value("CAST(PARSE_JSON('-2.75') AS INT)"));
        Assert.Equal(1000, Value("CAST(PARSE_JSON('1e3') AS INT)"));
        Assert.Equal(2.75, Value("CAST(PARSE_JSON('2.75') AS DOUBLE)"));
        Assert.Equal(1.5f, Value("CAST(PARSE_JSON('1.5') AS FLOAT)"));
        Assert.Equal(3.0, Value("CAST(PARSE_JSON('3') AS DOUBLE)"));
        Assert.Equal(1.26m, Value("CAST(PARSE_JSON('1.255') AS DECIMAL(5, 2))")); // half up
        Assert.Equal(7.00m, Value("CAST(PARSE_JSON('7') AS DECIMAL(5, 2))"));
        Assert.Equal(0.5m, Value("CAST(PARSE_JSON('5e-1') AS DECIMAL(3, 1))"));
        Assert.Null(Value("CAST(PARSE_JSON('123456') AS DECIMAL(4, 1))")); // overflow: NULL, as Flink's decimal casts
        Assert.Equal((sbyte)44, Value("CAST(PARSE_JSON('300') AS TINYINT)")); // narrowing wraps, as a BIGINT cast
    }

    [Fact]
    public void CastToOtherScalars_NeedsTheMatchingKind()
    {
        Assert.Equal(true, Value("CAST(PARSE_JSON('true') AS BOOLEAN)"));
        Assert.Equal("abc", Value("CAST(PARSE_JSON('\"abc\"') AS STRING)")); // unquoted, unlike JSON_STRING
        Assert.Equal("42", Value("CAST(PARSE_JSON('42') AS STRING)"));
        Assert.Equal("1.5", Value("CAST(PARSE_JSON('1.50') AS STRING)"));
        Assert.Equal("true", Value("CAST(PARSE_JSON('true') AS STRING)"));
        Assert.Equal("ab", Value("CAST(PARSE_JSON('\"abc\"') AS VARCHAR(2))"));
    }

    [Theory]
    [InlineData("'\"abc\"'", "INT", "holds STRING, not a number")]
    [InlineData("'\"1\"'", "BIGINT", "holds STRING, not a number")]
    [InlineData("'1'", "BOOLEAN", "holds TINYINT, not a boolean")]
    [InlineData("'true'", "INT", "holds BOOLEAN, not a number")]
    [InlineData("'{\"a\": 1}'", "STRING", "holds OBJECT, not a scalar")]
    [InlineData("'[1]'", "DOUBLE", "holds ARRAY, not a number")]
    [InlineData("'\"2024-01-01\"'", "DATE", "holds STRING, not a date")]
    [InlineData("'1'", "TIMESTAMP(3)", "holds TINYINT, not a timestamp")]
    [InlineData("'\"YQ==\"'", "BYTES", "holds STRING, not bytes")]
    public void CastOfAnotherKind_Fails_WhereTryCastIsNull(string json, string target, string reason)
    {
        var error = Assert.Throws<SluiceException>(() => Value($"CAST(PARSE_JSON({json}) AS {target})"));
        Assert.Equal(ErrorDomain.User, error.Domain);
        Assert.Contains("Cannot cast VARIANT", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Null(Value($"TRY_CAST(PARSE_JSON({json}) AS {target})"));
    }

    [Fact]
    public void CastFromVariant_IsAlwaysNullable()
    {
        Assert.True(Bind("CAST(PARSE_JSON('1') AS INT)").Type.IsNullable);
    }

    [Theory]
    [InlineData("CAST('1' AS VARIANT)", "use PARSE_JSON")]
    [InlineData("CAST(PARSE_JSON('[1]') AS ARRAY<INT>)", "only to scalar types")]
    [InlineData("CAST(PARSE_JSON('1') AS TIME)", "Cannot cast VARIANT")]
    [InlineData("PARSE_JSON('1') = PARSE_JSON('1')", "Cannot apply '='")]
    [InlineData("PARSE_JSON('1') < PARSE_JSON('2')", "Cannot apply '<'")]
    [InlineData("PARSE_JSON('1') IN (PARSE_JSON('1'))", "Cannot apply 'IN'")]
    [InlineData("PARSE_JSON(1)", "PARSE_JSON")]
    [InlineData("PARSE_JSON('1')[TRUE]", "ITEM")]
    [InlineData("PARSE_JSON('1') + 1", "Cannot apply '+'")]
    public void WhatFlinkRejects_IsAPositionedError(string expression, string message)
    {
        var error = Assert.ThrowsAny<SqlException>(() => Bind(expression));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResultForms_ShowTheJsonText_AndJsonOutputWritesTheValueItself()
    {
        using var builder = new Sluice.Core.Vectors.BytesVectorBuilder(DataTypes.Variant());
        builder.Append(Sluice.Core.Variants.VariantBuilder.ParseJson("{\"b\": [1, \"x\"], \"a\": null}"));
        builder.AppendNull();
        using var column = builder.Build();
        Assert.Equal("{\"a\":null,\"b\":[1,\"x\"]}", Sluice.Sql.Physical.Results.ResultText.Utc.Format(column, 0));
        Assert.Null(Sluice.Sql.Physical.Results.ResultText.Utc.Format(column, 1));
        Assert.Equal("{\"a\":null,\"b\":[1,\"x\"]}", Sluice.Sql.Physical.Results.ResultJson.ToJson(Sluice.Sql.Physical.Results.ResultText.Utc, column, 0));
        Assert.Equal("null", Sluice.Sql.Physical.Results.ResultJson.ToJson(Sluice.Sql.Physical.Results.ResultText.Utc, column, 1));
    }
}
