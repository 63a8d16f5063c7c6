using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats.Csv;
using static Sluice.Formats.Tests.Conformance.FormatTestSupport;

namespace Sluice.Formats.Tests.Csv;

public class CsvFormatTests
{
    private static readonly CsvFormatFactory Csv = new();

    private static readonly Schema Orders = Schema.Of(
        F("id", DataTypes.Int()), F("name", DataTypes.String()), F("price", DataTypes.Decimal(10, 2)));

    [Fact]
    public void Encode_Rows_WritesFlinkCsvQuotingOnlyWhereNeeded()
    {
        var schema = Schema.Of(F("id", DataTypes.Int()), F("name", DataTypes.String()), F("price", DataTypes.Decimal(10, 2)),
            F("ts", DataTypes.Timestamp(3)), F("ok", DataTypes.Boolean()), F("d", DataTypes.Double()), F("tags", DataTypes.Array(DataTypes.String())));

        var text = Encode(Csv.CreateEncoder(schema, Options(Csv)), schema,
            Row(1, "plain", 12.3m, new DateTime(2024, 1, 2, 3, 4, 5, 600), true, 1.0, Row("a", "b")),
            Row(2, "a,\"b\"", -0.5m, new DateTime(2024, 1, 2), false, 2.5e10, null),
            Row(null, "", null, null, null, null, Row()));

        Assert.Equal(
            "1,plain,12.30,2024-01-02 03:04:05.6,true,1.0,a;b\n" +
            "2,\"a,\"\"b\"\"\",-0.50,2024-01-02 00:00:00,false,2.5E10,\n" +
            ",,,,,,\n", text);
    }

    [Fact]
    public void Decode_BadValue_ErrorNamesFileLineColumnAndExpectedType()
    {
        using var decoder = Csv.CreateDecoder(Orders, Options(Csv));

        var error = Assert.Throws<FormatParseException>(() => DecodeLines(decoder, "1,a,1.50\n2,b,2.00\n3,c,abc\n"));

        Assert.Equal("Cannot decode file test.txt, line 3 with format 'csv': column `price`: expected DECIMAL(10, 2), found 'abc'",
            error.Message);
        Assert.Equal(ErrorDomain.User, error.Domain);
        Assert.Equal("price", error.Column);
        Assert.Equal(3, error.Location.Index);
    }

    [Theory]
    [InlineData("1,a\n", "expected 3 fields, found 2")]
    [InlineData("1,a,2,3\n", "expected 3 fields, found more")]
    [InlineData("1,\"a,2\n", "column `name`: the quoted field is not closed")]
    [InlineData("1,\"a\"x,2\n", "column `name`: unexpected character 'x' after the closing quote")]
    [InlineData("300000000000,a,1\n", "column `id`: expected INT, found '300000000000', which is out of its range")]
    [InlineData("1,a,123456789.123\n", "column `price`: expected DECIMAL(10, 2), found '123456789.123', which has too many digits")]
    public void Decode_MalformedRecord_SaysWhatIsWrong(string text, string expected)
    {
        using var decoder = Csv.CreateDecoder(Orders, Options(Csv));

        var error = Assert.Throws<FormatParseException>(() => DecodeLines(decoder, text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Cannot decode file test.txt, line 1 with format 'csv'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_IgnoreParseErrors_SkipsAndCountsBadRecords()
    {
        using var decoder = Csv.CreateDecoder(Orders, Options(Csv, ("ignore-parse-errors", "true")));

        var rows = DecodeLines(decoder, "1,a,1.5\nbad\n2,b,x\n3,c,3\n");

        Assert.Equal(["+I[1, a, 1.50]", "+I[3, c, 3.00]"], rows);
        Assert.Equal(2, decoder.SkippedRecords);
    }

    [Fact]
    public void Decode_QuotedFieldsSpanningLines_KeepLineNumbersOfLaterRecords()
    {
        using var decoder = Csv.CreateDecoder(Orders, Options(Csv));

        var error = Assert.Throws<FormatParseException>(() => DecodeLines(decoder, "1,\"two\nlines\",1\n2,\"x\",oops\n"));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_QuotedFieldSpanningLines_KeepsTheLineBreak()
    {
        using var decoder = Csv.CreateDecoder(Orders, Options(Csv));

        var rows = DecodeLines(decoder, "1,\"two\r\nlines\",1\r\n2,x,2");

        Assert.Equal(["+I[1, two\r\nlines, 1.00]", "+I[2, x, 2.00]"], rows);
    }

    [Fact]
    public void Decode_EmptyFields_AreNullExceptForStrings()
    {
        using var decoder = Csv.CreateDecoder(Orders, Options(Csv));

        Assert.Equal(["+I[null, , null]", "+I[null, , null]"], DecodeLines(decoder, ",,\n\"\",\"\",\" \"\n"));
    }

    [Fact]
    public void Decode_NullLiteral_IsNullUnlessQuoted()
    {
        using var decoder = Csv.CreateDecoder(Orders, Options(Csv, ("null-literal", "\\N")));

        Assert.Equal(["+I[null, null, null]", "+I[1, \\N, 2.00]"], DecodeLines(decoder, "\\N,\\N,\\N\n1,\"\\N\",2\n"));
    }

    [Fact]
    public void Decode_CommentsAndBlankLines_AreSkippedWhenAllowed()
    {
        using var decoder = Csv.CreateDecoder(Orders, Options(Csv, ("allow-comments", "true")));

        Assert.Equal(["+I[1, a, 1.00]"], DecodeLines(decoder, "# header\n\n1,a,1\n"));
        Assert.Equal(0, decoder.SkippedRecords);
    }

    [Fact]
    public void Decode_CommentWithoutAllowComments_IsABadRecord()
    {
        using var decoder = Csv.CreateDecoder(Orders, Options(Csv));

        Assert.Throws<FormatParseException>(() => DecodeLines(decoder, "# header\n1,a,1\n"));
    }

    [Fact]
    public void Decode_NumbersWithSpacesAndExponents_AreAccepted()
    {
        var schema = Schema.Of(F("i", DataTypes.BigInt()), F("d", DataTypes.Double()), F("m", DataTypes.Decimal(6, 3)), F("b", DataTypes.Boolean()));
        using var decoder = Csv.CreateDecoder(schema, Options(Csv));

        Assert.Equal(["+I[42, 1500, 1.235, true]"], DecodeLines(decoder, " 42 ,1.5E3, 1.2345 ,TRUE\n"));
    }

    [Fact]
    public void Decode_TabDelimiter_SplitsAtTabs()
    {
        using var decoder = Csv.CreateDecoder(Orders, Options(Csv, ("field-delimiter", "\\t")));

        Assert.Equal(["+I[1, a,b, 2.00]"], DecodeLines(decoder, "1\ta,b\t2\n"));
    }

    [Fact]
    public void CreateDecoder_DelimiterOfTwoCharacters_NamesTheOption()
    {
        var error = Assert.Throws<TableOptionException>(() => Csv.CreateDecoder(Orders, Options(Csv, ("field-delimiter", "ab"))));

        Assert.StartsWith("Invalid value 'ab' for option 'csv.field-delimiter' of format 'csv': expected a single character",
            error.Message, StringComparison.Ordinal);
        Assert.Equal("csv.field-delimiter", error.OptionKey);
    }

    [Fact]
    public void CreateDecoder_QuoteCharacterWhileQuotingDisabled_IsRejected()
    {
        var error = Assert.Throws<TableOptionException>(() =>
            Csv.CreateDecoder(Orders, Options(Csv, ("disable-quote-character", "true"), ("quote-character", "'"))));

        Assert.Contains("'csv.quote-character'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateEncoder_MapColumn_IsRejectedNamingTheColumn()
    {
        var schema = Schema.Of(F("m", DataTypes.Map(DataTypes.String(), DataTypes.Int())));

        var error = Assert.Throws<TableOptionException>(() => Csv.CreateEncoder(schema, Options(Csv)));

        Assert.Contains("column `m`", error.Message, StringComparison.Ordinal);
        Assert.Contains("MAP<STRING, INT>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TimestampLtzWithOffset_IsNormalizedToUtc()
    {
        var schema = Schema.Of(F("t", DataTypes.TimestampLtz(3)), F("p", DataTypes.Timestamp(3)));
        using var decoder = Csv.CreateDecoder(schema, Options(Csv));

        Assert.Equal(["+I[2024-01-01T10:00:00.123Z, 2024-01-01T00:00:00.999]"],
            DecodeLines(decoder, "2024-01-01T12:00:00.123456+02:00,2024-01-01 00:00:00.999999999\n"));
    }
}
