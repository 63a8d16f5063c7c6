using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats.Raw;
using static Sluice.Formats.Tests.Conformance.FormatTestSupport;

namespace Sluice.Formats.Tests.Raw;

public class RawFormatTests
{
    private static readonly RawFormatFactory Raw = new();

    [Theory]
    [InlineData("big-endian", new byte[] { 0, 0, 0, 0, 0, 0, 1, 2, 10 })]
    [InlineData("little-endian", new byte[] { 2, 1, 0, 0, 0, 0, 0, 0, 10 })]
    public void Encode_Bigint_WritesTheBinaryValueInTheByteOrder(string endianness, byte[] expected)
    {
        var schema = Schema.Of(F("v", DataTypes.BigInt()));
        var encoder = Raw.CreateEncoder(schema, Options(Raw, ("endianness", endianness)));

        var output = new System.Buffers.ArrayBufferWriter<byte>();
        using var builder = new Sluice.Core.Batches.RecordBatchBuilder(schema);
        builder.AppendRow(258L);
        using var batch = builder.Build();
        encoder.Encode(batch, output);

        Assert.Equal(expected, output.WrittenSpan.ToArray());
        using var decoder = Raw.CreateDecoder(schema, Options(Raw, ("endianness", endianness)));
        decoder.Decode(expected.AsSpan(0, 8), RecordLocation.Line("m", 1));
        using var decoded = decoder.Flush();
        Assert.Equal(["+I[258]"], decoded!.ToRowStrings());
    }

    [Fact]
    public void Decode_NumericRecordOfWrongLength_SaysHowManyBytes()
    {
        using var decoder = Raw.CreateDecoder(Schema.Of(F("v", DataTypes.Int())), Options(Raw));

        var error = Assert.Throws<FormatParseException>(() => decoder.Decode([1, 2, 3], new RecordLocation("topic t, partition 0", 42, "offset")));

        Assert.Equal("Cannot decode topic t, partition 0, offset 42 with format 'raw': column `v`: expected 4 bytes of INT, found 3", error.Message);
    }

    [Fact]
    public void CreateDecoder_TwoColumns_IsRejected()
    {
        var error = Assert.Throws<TableOptionException>(() =>
            Raw.CreateDecoder(Schema.Of(F("a", DataTypes.String()), F("b", DataTypes.String())), Options(Raw)));

        Assert.Contains("exactly one physical column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateDecoder_UnknownCharset_NamesTheOption()
    {
        var error = Assert.Throws<TableOptionException>(() =>
            Raw.CreateDecoder(Schema.Of(F("a", DataTypes.String())), Options(Raw, ("charset", "EBCDIC-XYZ"))));

        Assert.Contains("'raw.charset'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EmptyLine_IsAnEmptyString()
    {
        using var decoder = Raw.CreateDecoder(Schema.Of(F("a", DataTypes.String())), Options(Raw));

        Assert.Equal(["+I[a]", "+I[]", "+I[b]"], DecodeLines(decoder, "a\n\nb\n"));
    }
}
