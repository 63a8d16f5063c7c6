using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats.Json;
using static Sluice.Formats.Tests.Conformance.FormatTestSupport;

namespace Sluice.Formats.Tests.Json;

/// <summary>
/// <c>json.encode.decimal-as-plain-number</c>: false (the default, as Flink with Java's <c>BigDecimal.toString()</c>)
/// writes a DECIMAL whose first significant digit is below 1E-6 in scientific notation; true always writes it plain.
/// </summary>
public sealed class JsonDecimalNotationTests
{
    private static readonly JsonFormatFactory Json = new();
    private static readonly Schema Amounts = Schema.Of(F("small", DataTypes.Decimal(10, 8)), F("big", DataTypes.Decimal(12, 2)));

    [Fact]
    public void Default_WritesTinyValuesAsJavaBigDecimalToStringDoes()
    {
        var encoder = Json.CreateEncoder(Amounts, Options(Json));

        Assert.Equal("{\"small\":1E-8,\"big\":1000.00}\n", Encode(encoder, Amounts, Row(0.00000001m, 1000m)));
        Assert.Equal("{\"small\":1.2E-7,\"big\":-0.50}\n", Encode(encoder, Amounts, Row(0.00000012m, -0.5m)));
        Assert.Equal("{\"small\":0E-8,\"big\":0.00}\n", Encode(encoder, Amounts, Row(0m, 0m)));
        Assert.Equal("{\"small\":-0.00000120,\"big\":0.01}\n", Encode(encoder, Amounts, Row(-0.0000012m, 0.01m)));
    }

    [Fact]
    public void PlainNumber_WritesEveryValuePlain_AndBothFormsReadBack()
    {
        var plain = Json.CreateEncoder(Amounts, Options(Json, ("encode.decimal-as-plain-number", "true")));
        using var decoder = Json.CreateDecoder(Amounts, Options(Json));

        Assert.Equal("{\"small\":0.00000001,\"big\":0.00}\n", Encode(plain, Amounts, Row(0.00000001m, 0m)));
        Assert.Equal(["+I[0.00000001, 0.00]", "+I[0.00000000, 1.00]"],
            DecodeLines(decoder, "{\"small\":1E-8,\"big\":0}\n{\"small\":0E-8,\"big\":1}\n"));
    }
}
