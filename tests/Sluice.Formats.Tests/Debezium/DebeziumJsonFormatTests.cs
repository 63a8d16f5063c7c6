using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats.Debezium;
using static Sluice.Formats.Tests.Conformance.FormatTestSupport;

namespace Sluice.Formats.Tests.Debezium;

public class DebeziumJsonFormatTests
{
    private static readonly DebeziumJsonFormatFactory Debezium = new();

    private static readonly Schema Products = Schema.Of(F("id", DataTypes.Int()), F("name", DataTypes.String()), F("weight", DataTypes.Double()));

    [Fact]
    public void Decode_CreateUpdateDeleteAndSnapshot_GiveChangelogRows()
    {
        using var decoder = Debezium.CreateDecoder(Products, Options(Debezium));

        var rows = DecodeLines(decoder,
            "{\"before\":null,\"after\":{\"id\":1,\"name\":\"scooter\",\"weight\":3.14},\"source\":{\"db\":\"inventory\"},\"op\":\"c\",\"ts_ms\":1}\n" +
            "{\"op\":\"u\",\"before\":{\"id\":1,\"name\":\"scooter\",\"weight\":3.14},\"after\":{\"id\":1,\"name\":\"scooter\",\"weight\":5.1}}\n" +
            "{\"before\":{\"id\":1,\"name\":\"scooter\",\"weight\":5.1},\"after\":null,\"op\":\"d\"}\n" +
            "{\"before\":null,\"after\":{\"id\":2,\"name\":\"car\",\"weight\":null},\"op\":\"r\"}\n");

        Assert.Equal(["+I[1, scooter, 3.14]", "-U[1, scooter, 3.14]", "+U[1, scooter, 5.1]", "-D[1, scooter, 5.1]", "+I[2, car, null]"], rows);
    }

    [Fact]
    public void Decode_SchemaInclude_ReadsThePayload()
    {
        using var decoder = Debezium.CreateDecoder(Products, Options(Debezium, ("schema-include", "true")));

        var rows = DecodeLines(decoder,
            "{\"schema\":{\"type\":\"struct\",\"fields\":[]},\"payload\":{\"before\":null,\"after\":{\"id\":3,\"name\":\"x\"},\"op\":\"c\"}}\n");

        Assert.Equal(["+I[3, x, null]"], rows);
    }

    [Fact]
    public void Decode_WrappedEventWithoutSchemaInclude_PointsAtTheOption()
    {
        using var decoder = Debezium.CreateDecoder(Products, Options(Debezium));

        var error = Assert.Throws<FormatParseException>(() =>
            DecodeLines(decoder, "{\"schema\":{},\"payload\":{\"before\":null,\"after\":{\"id\":3},\"op\":\"c\"}}\n"));

        Assert.Contains("set 'debezium-json.schema-include' = 'true'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TombstonesAndEmptyRecords_AreSkipped()
    {
        using var decoder = Debezium.CreateDecoder(Products, Options(Debezium));

        Assert.Equal(["+I[1, a, null]"], DecodeLines(decoder, "null\n\n{\"after\":{\"id\":1,\"name\":\"a\"},\"op\":\"c\"}\n"));
        Assert.Equal(0, decoder.SkippedRecords);
    }

    [Fact]
    public void Decode_UpdateWithoutBefore_FailsWithTheReplicaIdentityHint()
    {
        using var decoder = Debezium.CreateDecoder(Products, Options(Debezium));

        var error = Assert.Throws<FormatParseException>(() =>
            DecodeLines(decoder, "{\"before\":null,\"after\":{\"id\":1},\"op\":\"u\"}\n"));

        Assert.Equal("Cannot decode file test.txt, line 1 with format 'debezium-json': the \"before\" field of an event with op 'u' " +
            "is null or missing (for the Debezium Postgres connector, set the table's REPLICA IDENTITY to FULL)", error.Message);
    }

    [Theory]
    [InlineData("{\"after\":{\"id\":1},\"op\":\"x\"}", "unknown \"op\" value 'x'")]
    [InlineData("{\"after\":{\"id\":1}}", "has no \"op\" field")]
    [InlineData("{\"after\":{\"id\":\"one\"},\"op\":\"c\"}", "column `id`: expected INT, found 'one'")]
    public void Decode_BadEvent_SaysWhatIsWrong(string line, string expected)
    {
        using var decoder = Debezium.CreateDecoder(Products, Options(Debezium));

        var error = Assert.Throws<FormatParseException>(() => DecodeLines(decoder, line + "\n"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_IgnoreParseErrors_SkipsAndCountsBadEvents()
    {
        using var decoder = Debezium.CreateDecoder(Products, Options(Debezium, ("ignore-parse-errors", "true")));

        var rows = DecodeLines(decoder, "{\"op\":\"u\",\"after\":{\"id\":1}}\n{\"op\":\"d\",\"before\":{\"id\":2}}\n{bad\n");

        Assert.Equal(["-D[2, null, null]"], rows);
        Assert.Equal(2, decoder.SkippedRecords);
    }

    [Fact]
    public void Encode_ChangelogRows_WritesFlinkEnvelopes()
    {
        var encoder = Debezium.CreateEncoder(Products, Options(Debezium));
        using var builder = new RecordBatchBuilder(Products);
        builder.AppendRow(RowKind.Insert, 1, "a", 1.0);
        builder.AppendRow(RowKind.UpdateBefore, 1, "a", 1.0);
        builder.AppendRow(RowKind.UpdateAfter, 1, "b", 2.0);
        builder.AppendRow(RowKind.Delete, 1, "b", 2.0);
        using var batch = builder.Build();
        var output = new System.Buffers.ArrayBufferWriter<byte>();

        encoder.Encode(batch, output);

        Assert.Equal(
            "{\"before\":null,\"after\":{\"id\":1,\"name\":\"a\",\"weight\":1.0},\"op\":\"c\"}\n" +
            "{\"before\":{\"id\":1,\"name\":\"a\",\"weight\":1.0},\"after\":null,\"op\":\"d\"}\n" +
            "{\"before\":null,\"after\":{\"id\":1,\"name\":\"b\",\"weight\":2.0},\"op\":\"c\"}\n" +
            "{\"before\":{\"id\":1,\"name\":\"b\",\"weight\":2.0},\"after\":null,\"op\":\"d\"}\n",
            System.Text.Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void CreateEncoder_SchemaInclude_IsRejected()
    {
        var error = Assert.Throws<TableOptionException>(() => Debezium.CreateEncoder(Products, Options(Debezium, ("schema-include", "true"))));

        Assert.Contains("'debezium-json.schema-include'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangelogMode_IsEveryKind()
    {
        Assert.Equal(ChangelogMode.All, Debezium.ChangelogMode);
        Assert.Equal("[I,UB,UA,D]", Debezium.ChangelogMode.ToString());
    }
}
