using System.Buffers;
using System.Text;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Formats.Json;
using static Sluice.Formats.Tests.Conformance.FormatTestSupport;

namespace Sluice.Formats.Tests.Json;

/// <summary>
/// A <c>VARIANT</c> column of the json format: any JSON value is read into it (a JSON null field is SQL NULL, a
/// repeated key keeps its last value), and it is written back as the JSON value itself (keys in order).
/// </summary>
public class JsonVariantTests
{
    private static readonly JsonFormatFactory Json = new();

    [Fact]
    public void VariantColumn_ReadsAnyJsonValue_AndWritesItBack()
    {
        var schema = Schema.Of(F("id", DataTypes.BigInt()), F("v", DataTypes.Variant()));
        const string input = """
            {"id":1,"v":{"b":[1,2.50,1e3],"a":"x\ty","c":{"z":null}}}
            {"id":2,"v":null}
            {"id":3,"v":"text"}
            {"id":4,"v":{"k":1,"k":[2]}}
            {"id":5}
            {"v":[true,false,-7],"id":6}
            """;
        using var decoder = Json.CreateDecoder(schema, Options(Json));
        var bytes = Encoding.UTF8.GetBytes(input);
        var rest = bytes.AsSpan();
        var line = 1L;
        while (decoder.TryFrame(rest, isFinalBlock: true, out var length, out var consumed))
        {
            decoder.Decode(rest[..length], RecordLocation.Line("file test.json", line++));
            rest = rest[consumed..];
        }

        using var batch = decoder.Flush()!;
        Assert.Equal(6, batch.RowCount);
        var variants = (BytesVector)batch.Column(1);
        Assert.True(variants.IsNull(1));
        Assert.True(variants.IsNull(4));

        var output = new ArrayBufferWriter<byte>();
        Json.CreateEncoder(schema, Options(Json)).Encode(batch, output);
        Assert.Equal(
            "{\"id\":1,\"v\":{\"a\":\"x\\ty\",\"b\":[1,2.5,1000.0],\"c\":{\"z\":null}}}\n"
            + "{\"id\":2,\"v\":null}\n"
            + "{\"id\":3,\"v\":\"text\"}\n"
            + "{\"id\":4,\"v\":{\"k\":[2]}}\n"
            + "{\"id\":5,\"v\":null}\n"
            + "{\"id\":6,\"v\":[true,false,-7]}\n",
            Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
