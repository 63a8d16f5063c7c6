using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats.Json;
using static Sluice.Formats.Tests.Conformance.FormatTestSupport;

namespace Sluice.Formats.Tests.Json;

/// <summary>
/// <c>json.timestamp-format.standard</c> when reading, as in Flink: each standard reads its own form of TIMESTAMP and
/// TIMESTAMP_LTZ and rejects the other's, naming the column and the option.
/// </summary>
public sealed class JsonTimestampStandardTests
{
    private static readonly JsonFormatFactory Json = new();

    private static readonly Schema Events = Schema.Of(new Field("ts", DataTypes.Timestamp(3)), new Field("lt", DataTypes.TimestampLtz(3)));

    [Fact]
    public void Sql_ReadsTheSpaceForm_AndRejectsTheIsoForm()
    {
        using var decoder = Json.CreateDecoder(Events, Options(Json));

        Assert.Equal(["+I[2024-01-31T10:00:00.5, 2024-01-31T10:00:00Z]"],
            DecodeLines(decoder, "{\"ts\":\"2024-01-31 10:00:00.5\",\"lt\":\"2024-01-31 10:00:00Z\"}\n"));
        var error = Assert.Throws<FormatParseException>(() => DecodeLines(decoder, "{\"ts\":\"2024-01-31T10:00:00\"}\n"));
        Assert.Contains("ts", error.Message, StringComparison.Ordinal);
        Assert.Contains("'timestamp-format.standard' = 'SQL'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Iso_ReadsTheTForm_AndRejectsTheSpaceForm()
    {
        using var decoder = Json.CreateDecoder(Events, Options(Json, ("timestamp-format.standard", "ISO-8601")));

        Assert.Equal(["+I[2024-01-31T10:00:00, null]"], DecodeLines(decoder, "{\"ts\":\"2024-01-31T10:00:00\"}\n"));
        var error = Assert.Throws<FormatParseException>(() => DecodeLines(decoder, "{\"lt\":\"2024-01-31 10:00:00Z\"}\n"));
        Assert.Contains("lt", error.Message, StringComparison.Ordinal);
        Assert.Contains("ISO-8601", error.Message, StringComparison.Ordinal);
    }
}
