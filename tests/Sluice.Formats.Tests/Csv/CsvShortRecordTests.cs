using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats.Csv;
using static Sluice.Formats.Tests.Conformance.FormatTestSupport;

namespace Sluice.Formats.Tests.Csv;

/// <summary>
/// Flink's csv format checks a record's field count only without <c>csv.ignore-parse-errors</c>; with it, a record with
/// fewer fields keeps its row and reads the missing fields as null (a bad value still skips the row).
/// </summary>
public class CsvShortRecordTests
{
    private static readonly CsvFormatFactory Csv = new();

    private static readonly Schema Orders = Schema.Of(
        F("id", DataTypes.Int()), F("name", DataTypes.String()), F("price", DataTypes.Decimal(10, 2)));

    [Fact]
    public void Decode_IgnoreParseErrors_ShortRecordReadsMissingFieldsAsNull()
    {
        using var decoder = Csv.CreateDecoder(Orders, Options(Csv, ("ignore-parse-errors", "true")));

        var rows = DecodeLines(decoder, "1,a,1.5\n4,d\n5\nx,e\n");

        Assert.Equal(["+I[1, a, 1.50]", "+I[4, d, null]", "+I[5, null, null]"], rows);
        Assert.Equal(1, decoder.SkippedRecords);
    }

    [Fact]
    public void Decode_WithoutIgnoreParseErrors_ShortRecordFails()
    {
        using var decoder = Csv.CreateDecoder(Orders, Options(Csv));

        var error = Assert.Throws<FormatParseException>(() => DecodeLines(decoder, "4,d\n"));

        Assert.Contains("expected 3 fields, found 2", error.Message, StringComparison.Ordinal);
    }
}
