using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats.Json;
using static Sluice.Formats.Tests.Conformance.FormatTestSupport;

namespace Sluice.Formats.Tests.Json;

/// <summary>
/// The json format writes strings as Flink's Jackson does: only <c>"</c>, <c>\</c> and control characters are
/// escaped; emoji (outside the BMP), CJK and HTML-sensitive characters are written as UTF-8.
/// </summary>
public class JsonEscapingTests
{
    private static readonly JsonFormatFactory Json = new();

    private static string EncodeOne(string value, string field = "s")
    {
        var schema = Schema.Of(F(field, DataTypes.String()));
        return Encode(Json.CreateEncoder(schema, Options(Json)), schema, Row(value));
    }

    [Theory]
    [InlineData("😀")]
    [InlineData("日本語")]
    [InlineData("<a href='x'>&amp;</a> +1")]
    [InlineData("\u2028\u00AD\u007F\uFEFF")]
    public void Encode_NonAsciiAndHtmlCharacters_AreWrittenAsTheyAre(string value) =>
        Assert.Equal("{\"s\":\"" + value + "\"}\n", EncodeOne(value));

    [Fact]
    public void Encode_QuotesBackslashesAndControlCharacters_AreEscapedAsJackson() =>
        Assert.Equal("{\"s\":\"\\\"\\\\\\b\\t\\n\\f\\r\\u0000\\u001F\"}\n", EncodeOne("\"\\\b\t\n\f\r\0\u001F"));

    [Fact]
    public void Encode_FieldNames_AreEscapedTheSameWay() =>
        Assert.Equal("{\"😀<>\":\"x\"}\n", EncodeOne("x", "😀<>"));
}
