using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Results;
using Sluice.Sql.Physical.Session;

namespace Sluice.Cli.Tests.Output;

public class ResultTextTests
{
    private static string? Text(DataType type, object? value, ResultText? text = null)
    {
        using var batch = Batches.Single(type, value);
        return (text ?? ResultText.Utc).Format(batch.Column(0), 0);
    }

    [Fact]
    public void Format_Null_IsNullForEveryType()
    {
        Assert.Null(Text(DataTypes.Int(), null));
        Assert.Null(Text(DataTypes.String(), null));
        Assert.Null(Text(DataTypes.Array(DataTypes.Int()), null));
        Assert.Null(Text(DataTypes.Null(), null));
    }

    [Fact]
    public void Format_BooleanAndIntegers_InvariantDecimal()
    {
        Assert.Equal("true", Text(DataTypes.Boolean(), true));
        Assert.Equal("false", Text(DataTypes.Boolean(), false));
        Assert.Equal("-128", Text(DataTypes.TinyInt(), (sbyte)-128));
        Assert.Equal("-32768", Text(DataTypes.SmallInt(), short.MinValue));
        Assert.Equal("2147483647", Text(DataTypes.Int(), int.MaxValue));
        Assert.Equal("-9223372036854775808", Text(DataTypes.BigInt(), long.MinValue));
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(1234567.0, "1234567.0")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(1.5e-5, "1.5E-5")]
    [InlineData(1e20, "1.0E20")]
    [InlineData(123.456, "123.456")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(double.MaxValue, "1.7976931348623157E308")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Format_Double_AsJavaPrintsIt(double value, string expected)
    {
        Assert.Equal(expected, Text(DataTypes.Double(), value));
    }

    [Fact]
    public void Format_Float_ShortestDigitsOfTheSinglePrecisionValue()
    {
        Assert.Equal("0.1", Text(DataTypes.Float(), 0.1f));
        Assert.Equal("3.4028235E38", Text(DataTypes.Float(), float.MaxValue));
        Assert.Equal("NaN", Text(DataTypes.Float(), float.NaN));
    }

    [Theory]
    [InlineData(5, 2, "11", "11.00")]
    [InlineData(5, 2, "-0.5", "-0.50")]
    [InlineData(5, 2, "0", "0.00")]
    [InlineData(10, 0, "42", "42")]
    [InlineData(18, 4, "-12345678901234.5678", "-12345678901234.5678")]
    [InlineData(38, 10, "1234567890123456.0000000001", "1234567890123456.0000000001")]
    [InlineData(38, 2, "-0.01", "-0.01")]
    public void Format_Decimal_HasExactlyItsScale(int precision, int scale, string value, string expected)
    {
        Assert.Equal(expected, Text(DataTypes.Decimal(precision, scale), decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void FormatDecimal_BeyondSystemDecimal_UsesTheUnscaledDigits()
    {
        var unscaled = Int128.Parse("-12345678901234567890123456789012345678", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("-1234567890123456789012345678.9012345678", ResultText.FormatDecimal(unscaled, 10));
    }

    [Fact]
    public void Format_Date_IsoCalendarDate()
    {
        Assert.Equal("2024-01-31", Text(DataTypes.Date(), new DateOnly(2024, 1, 31)));
        Assert.Equal("1969-12-31", Text(DataTypes.Date(), new DateOnly(1969, 12, 31)));
        Assert.Equal("2000-02-29", Text(DataTypes.Date(), new DateOnly(2000, 2, 29)));
        Assert.Equal("0001-01-01", Text(DataTypes.Date(), new DateOnly(1, 1, 1)));
        Assert.Equal("1970-01-01", ResultText.FormatDate(0));
        Assert.Equal("1969-12-31", ResultText.FormatDate(-1));
    }

    [Fact]
    public void FormatDate_EveryDayOfFourHundredYears_MatchesTheBclCalendar()
    {
        var start = new DateOnly(1800, 1, 1);
        for (var day = start; day < new DateOnly(2200, 1, 1); day = day.AddDays(1))
        {
            var epochDays = day.DayNumber - new DateOnly(1970, 1, 1).DayNumber;
            Assert.Equal(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ResultText.FormatDate(epochDays));
        }
    }

    [Fact]
    public void Format_Time_FractionOnlyWithPrecision()
    {
        var time = new TimeOnly(10, 5, 7).Add(TimeSpan.FromTicks(1_234_560));
        Assert.Equal("10:05:07", Text(DataTypes.Time(0), time));
        Assert.Equal("10:05:07.123", Text(DataTypes.Time(3), time));
        Assert.Equal("10:05:07.123456", Text(DataTypes.Time(6), time));
        Assert.Equal("10:05:07.123456000", Text(DataTypes.Time(9), time));
    }

    [Fact]
    public void Format_Timestamp_ExactlyPrecisionFractionDigits()
    {
        var value = new DateTime(2024, 1, 1, 10, 0, 0);
        Assert.Equal("2024-01-01 10:00:00.000", Text(DataTypes.Timestamp(3), value));
        Assert.Equal("2024-01-01 10:00:00", Text(DataTypes.Timestamp(0), value));
        Assert.Equal("2024-01-01 10:00:00.000000", Text(DataTypes.Timestamp(6), value));
        Assert.Equal("2024-01-01 10:00:00.000000000", Text(DataTypes.Timestamp(9), value));
        Assert.Equal("2024-03-04 08:12:00.123", Text(DataTypes.Timestamp(3), new DateTime(2024, 3, 4, 8, 12, 0, 123)));
    }

    [Fact]
    public void Format_TimestampBeforeTheEpoch_FloorsToThePreviousSecond()
    {
        Assert.Equal("1969-12-31 23:59:59.500", ResultText.FormatTimestamp(-500_000, 3));
        Assert.Equal("1969-12-31 23:59:59.999999", ResultText.FormatTimestamp(-1, 6));
    }

    [Fact]
    public void Format_TimestampLtz_InTheSessionTimeZone()
    {
        var instant = new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal("2024-01-01 10:00:00.000", Text(DataTypes.TimestampLtz(3), instant));
        Assert.Equal("2024-01-01 18:00:00.000", Text(DataTypes.TimestampLtz(3), instant, new ResultText(Sluice.Sql.Physical.Expressions.ExpressionEnvironment.ParseTimeZone("GMT+08:00"))));
        Assert.Equal("2024-01-01 06:30:00", Text(DataTypes.TimestampLtz(0), instant, new ResultText(Sluice.Sql.Physical.Expressions.ExpressionEnvironment.ParseTimeZone("UTC-03:30"))));
        Assert.Equal("2024-01-02 00:00:00.000", Text(DataTypes.TimestampLtz(3), instant, new ResultText(Sluice.Sql.Physical.Expressions.ExpressionEnvironment.ParseTimeZone("+14:00"))));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("default", 0)]
    [InlineData("UTC", 0)]
    [InlineData("GMT+08:00", 8)]
    public void Of_Session_ShowsLtzInTheSessionZone_UtcWhenUnsetOrDefault(string? zone, int offsetHours)
    {
        var configuration = zone is null ? new Dictionary<string, string>() : new() { ["table.local-time-zone"] = zone };
        var session = new SqlSession(new SqlSessionOptions(new ConnectorRegistry()) { Configuration = configuration });
        Assert.Equal(TimeSpan.FromHours(offsetHours), ResultText.Of(session).LocalTimeZone.BaseUtcOffset);
    }

    [Fact]
    public void Of_Session_WithAnUnknownZone_IsAUserErrorNamingTheOption()
    {
        var session = new SqlSession(new SqlSessionOptions(new ConnectorRegistry())
        {
            Configuration = new Dictionary<string, string> { ["table.local-time-zone"] = "Mars/Olympus_Mons" },
        });
        var error = Assert.Throws<Sluice.Core.Errors.SluiceException>(() => ResultText.Of(session));
        Assert.Contains("table.local-time-zone", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus_Mons", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_Intervals_AsFlinkPrintsThem()
    {
        Assert.Equal("+1-06", Text(DataTypes.IntervalYearMonth(), 18));
        Assert.Equal("-0-03", Text(DataTypes.IntervalYearMonth(), -3));
        Assert.Equal("+0-00", Text(DataTypes.IntervalYearMonth(), 0));
        Assert.Equal("+2 10:00:00.000", Text(DataTypes.IntervalDayTime(), TimeSpan.FromHours(58)));
        Assert.Equal("-0 00:00:01.500", Text(DataTypes.IntervalDayTime(), TimeSpan.FromMilliseconds(-1500)));
        Assert.Equal("+0 00:00:00.000", Text(DataTypes.IntervalDayTime(), TimeSpan.Zero));
    }

    [Fact]
    public void Format_StringsAndBinary_TextAsIsBytesInBase64()
    {
        Assert.Equal("a \"quoted\", text\nline", Text(DataTypes.String(), "a \"quoted\", text\nline"));
        Assert.Equal("", Text(DataTypes.String(), ""));
        Assert.Equal("ab", Text(DataTypes.Char(2), "ab"));
        Assert.Equal("AQID/w==", Text(DataTypes.Bytes(), new byte[] { 1, 2, 3, 255 }));
        Assert.Equal("", Text(DataTypes.Bytes(), Array.Empty<byte>()));
    }

    [Fact]
    public void Format_NestedTypes_AsCompactJson()
    {
        Assert.Equal("[1,null,3]", Text(DataTypes.Array(DataTypes.Int()), new object?[] { 1, null, 3 }));
        Assert.Equal("[\"x\",\"x\"]", Text(DataTypes.Multiset(DataTypes.String()), new object?[] { "x", "x" }));
        Assert.Equal("{\"a\":1,\"b\":null}", Text(DataTypes.Map(DataTypes.String(), DataTypes.Int()),
            new KeyValuePair<object?, object?>[] { new("a", 1), new("b", null) }));
        Assert.Equal("{\"1\":\"10.50\"}", Text(DataTypes.Map(DataTypes.Int(), DataTypes.Decimal(4, 2)),
            new KeyValuePair<object?, object?>[] { new(1, 10.5m) }));
        var row = DataTypes.Row(new Field("id", DataTypes.BigInt()), new Field("tags", DataTypes.Array(DataTypes.String())),
            new Field("at", DataTypes.Timestamp(3)));
        Assert.Equal("{\"id\":7,\"tags\":[\"a\",\"b\"],\"at\":\"2024-01-01 10:00:00.000\"}",
            Text(row, new object?[] { 7L, new object?[] { "a", "b" }, new DateTime(2024, 1, 1, 10, 0, 0) }));
    }
}
