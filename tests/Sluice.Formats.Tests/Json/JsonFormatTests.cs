using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats.Json;
using static Sluice.Formats.Tests.Conformance.FormatTestSupport;

namespace Sluice.Formats.Tests.Json;

public class JsonFormatTests
{
    private static readonly JsonFormatFactory Json = new();

    private static readonly Schema Orders = Schema.Of(
        F("id", DataTypes.Int()), F("name", DataTypes.String()), F("price", DataTypes.Decimal(10, 2)),
        F("r", DataTypes.Row(F("a", DataTypes.Int()), F("tags", DataTypes.Array(DataTypes.BigInt())))));

    [Fact]
    public void Encode_Row_WritesFlinkJson()
    {
        var schema = Schema.Of(F("id", DataTypes.Int()), F("name", DataTypes.String()), F("price", DataTypes.Decimal(10, 2)),
            F("ts", DataTypes.Timestamp(3)), F("ltz", DataTypes.TimestampLtz(3)), F("ok", DataTypes.Boolean()), F("d", DataTypes.Double()),
            F("bin", DataTypes.Bytes()), F("tags", DataTypes.Array(DataTypes.String())), F("m", DataTypes.Map(DataTypes.Int(), DataTypes.String())),
            F("n", DataTypes.String()));

        var text = Encode(Json.CreateEncoder(schema, Options(Json)), schema,
            Row(1, "é \"q\"\n", 12.3m, new DateTime(2024, 1, 2, 3, 4, 5, 600), new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
                true, 1.0, new byte[] { 1, 2, 3 }, Row("a", null), Map((1, "one")), null));

        Assert.Equal(
            "{\"id\":1,\"name\":\"é \\\"q\\\"\\n\",\"price\":12.30,\"ts\":\"2024-01-02 03:04:05.6\",\"ltz\":\"2024-01-02 03:04:05Z\"," +
            "\"ok\":true,\"d\":1.0,\"bin\":\"AQID\",\"tags\":[\"a\",null],\"m\":{\"1\":\"one\"},\"n\":null}\n", text);
    }

    [Fact]
    public void Encode_IsoStandardAndIgnoreNullFields_WritesTAndLeavesNullsOut()
    {
        var schema = Schema.Of(F("ts", DataTypes.Timestamp(3)), F("n", DataTypes.Int()));
        var encoder = Json.CreateEncoder(schema, Options(Json, ("timestamp-format.standard", "ISO-8601"), ("encode.ignore-null-fields", "true")));

        Assert.Equal("{\"ts\":\"2024-01-02T03:04:05\"}\n", Encode(encoder, schema, Row(new DateTime(2024, 1, 2, 3, 4, 5), null)));
    }

    [Fact]
    public void Decode_MissingAndUnknownFields_ReadNullAndAreIgnored()
    {
        using var decoder = Json.CreateDecoder(Orders, Options(Json));

        Assert.Equal(["+I[7, null, 1.50, null]"], DecodeLines(decoder, "{\"extra\":{\"x\":[1]},\"price\":1.5,\"id\":7}\n"));
    }

    [Fact]
    public void Decode_FailOnMissingField_NamesTheMissingColumn()
    {
        using var decoder = Json.CreateDecoder(Orders, Options(Json, ("fail-on-missing-field", "true")));

        var error = Assert.Throws<FormatParseException>(() => DecodeLines(decoder, "{\"id\":1,\"name\":\"a\",\"r\":null}\n"));

        Assert.Equal("Cannot decode file test.txt, line 1 with format 'json': column `price`: the field is missing " +
            "(and 'fail-on-missing-field' is set)", error.Message);
    }

    [Theory]
    [InlineData("{\"id\":\"abc\"}", "column `id`: expected INT, found 'abc'")]
    [InlineData("{\"id\":1.5}", "column `id`: expected INT, found '1.5'")]
    [InlineData("{\"id\":true}", "column `id`: expected INT, found a boolean")]
    [InlineData("{\"r\":{\"a\":[1]}}", "column `r.a`: expected INT, found an array")]
    [InlineData("{\"r\":{\"tags\":[1,\"x\"]}}", "column `r.tags[2]`: expected BIGINT, found 'x'")]
    [InlineData("{\"r\":[1]}", "column `r`: expected ROW<`a` INT, `tags` ARRAY<BIGINT>> as a JSON object, found an array")]
    [InlineData("{\"id\":1", "malformed JSON: ")]
    [InlineData("[1,2]", "expected a JSON object, found '[1,2]'")]
    [InlineData("{\"id\":1} x", "malformed JSON")]
    public void Decode_BadRecord_SaysWhereAndWhat(string line, string expected)
    {
        using var decoder = Json.CreateDecoder(Orders, Options(Json));

        var error = Assert.Throws<FormatParseException>(() => DecodeLines(decoder, "{\"id\":1}\n" + line + "\n"));

        Assert.StartsWith("Cannot decode file test.txt, line 2 with format 'json': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_IgnoreParseErrors_SkipsAndCountsBadRecords()
    {
        using var decoder = Json.CreateDecoder(Orders, Options(Json, ("ignore-parse-errors", "true")));

        var rows = DecodeLines(decoder, "{\"id\":1}\n{oops\n{\"id\":\"x\"}\n\n{\"id\":2}\n");

        Assert.Equal(["+I[1, null, null, null]", "+I[2, null, null, null]"], rows);
        Assert.Equal(2, decoder.SkippedRecords);
    }

    [Fact]
    public void CreateDecoder_FailOnMissingAndIgnoreErrors_IsRejected()
    {
        var error = Assert.Throws<TableOptionException>(() =>
            Json.CreateDecoder(Orders, Options(Json, ("fail-on-missing-field", "true"), ("ignore-parse-errors", "true"))));

        Assert.Contains("'json.fail-on-missing-field' and 'json.ignore-parse-errors'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_StringColumn_KeepsTheJsonTextOfOtherValues()
    {
        var schema = Schema.Of(F("a", DataTypes.String()), F("b", DataTypes.String()), F("c", DataTypes.String()), F("d", DataTypes.String()));
        using var decoder = Json.CreateDecoder(schema, Options(Json));

        Assert.Equal(["+I[{\"x\": [1, 2]}, 12.50, true, tab\tquote\"]"],
            DecodeLines(decoder, "{\"a\":{\"x\": [1, 2]},\"b\":12.50,\"c\":true,\"d\":\"tab\\tquote\\\"\"}\n"));
    }

    [Fact]
    public void Decode_NumbersAndBooleansAsStrings_AreAccepted()
    {
        var schema = Schema.Of(F("i", DataTypes.Int()), F("d", DataTypes.Double()), F("b", DataTypes.Boolean()), F("m", DataTypes.Decimal(5, 2)));
        using var decoder = Json.CreateDecoder(schema, Options(Json));

        Assert.Equal(["+I[42, NaN, false, 1.23]"], DecodeLines(decoder, "{\"i\":\"42\",\"d\":\"NaN\",\"b\":\"false\",\"m\":\"1.225\"}\n"));
    }

    [Fact]
    public void Decode_TimestampsOfTheSqlStandardWithFractionsAndOffsets_AreAccepted()
    {
        var schema = Schema.Of(F("a", DataTypes.Timestamp(3)), F("b", DataTypes.Timestamp(3)), F("c", DataTypes.TimestampLtz(3)));
        using var decoder = Json.CreateDecoder(schema, Options(Json));

        Assert.Equal(["+I[2024-01-01T00:00:00.123, 2024-01-01T12:00:00, 2024-01-01T11:00:00Z]"],
            DecodeLines(decoder, "{\"a\":\"2024-01-01 00:00:00.123456\",\"b\":\"2024-01-01 12:00:00\",\"c\":\"2024-01-01 12:00:00+01:00\"}\n"));
    }

    [Theory]
    [InlineData("DROP", "{\"m\":{\"a\":1}}\n")]
    [InlineData("LITERAL", "{\"m\":{\"a\":1,\"NULL-KEY\":2}}\n")]
    public void Encode_MapWithNullKey_FollowsTheMode(string mode, string expected)
    {
        var schema = Schema.Of(F("m", DataTypes.Map(DataTypes.String(), DataTypes.Int())));
        var encoder = Json.CreateEncoder(schema, Options(Json, ("map-null-key.mode", mode), ("map-null-key.literal", "NULL-KEY")));

        Assert.Equal(expected, Encode(encoder, schema, Row(Map(("a", 1), (null, 2)))));
    }

    [Fact]
    public void Encode_MapWithNullKeyInFailMode_FailsNamingTheOption()
    {
        var schema = Schema.Of(F("m", DataTypes.Map(DataTypes.String(), DataTypes.Int())));
        var encoder = Json.CreateEncoder(schema, Options(Json));

        var error = Assert.Throws<SluiceException>(() => Encode(encoder, schema, Row(Map((null, 2)))));

        Assert.Contains("map-null-key.mode", error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorDomain.User, error.Domain);
    }

    [Fact]
    public void Decode_MapWithNonStringKeysAndMultiset_ParsesKeysAndCounts()
    {
        var schema = Schema.Of(F("m", DataTypes.Map(DataTypes.Date(), DataTypes.Int())), F("s", DataTypes.Multiset(DataTypes.Int())));
        using var decoder = Json.CreateDecoder(schema, Options(Json));

        Assert.Equal(["+I[{2024-01-01=1}, [5, 5, 6]]"], DecodeLines(decoder, "{\"m\":{\"2024-01-01\":1},\"s\":{\"5\":2,\"6\":1}}\n"));
    }

    [Fact]
    public void Descriptor_ListsFlinkOptionNames()
    {
        var keys = Json.Descriptor.Options.Select(o => o.Key).ToList();

        Assert.Equal(["fail-on-missing-field", "ignore-parse-errors", "timestamp-format.standard", "map-null-key.mode",
            "map-null-key.literal", "encode.decimal-as-plain-number", "encode.ignore-null-fields"], keys);
    }
}
