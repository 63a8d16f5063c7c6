using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats.Csv;
using Sluice.Formats.Tests.Conformance;
using static Sluice.Formats.Tests.Conformance.FormatTestSupport;

namespace Sluice.Formats.Tests.Csv;

public class CsvRoundTripTests : FormatRoundTripTests
{
    internal static readonly Schema CsvTypes = Schema.Of(
        F("b", DataTypes.Boolean()), F("ti", DataTypes.TinyInt()), F("si", DataTypes.SmallInt()), F("i", DataTypes.Int()),
        F("bi", DataTypes.BigInt()), F("f", DataTypes.Float()), F("d", DataTypes.Double()), F("dec", DataTypes.Decimal(10, 2)),
        F("wide", DataTypes.Decimal(38, 10)), F("s", DataTypes.String()), F("bin", DataTypes.Bytes()), F("dt", DataTypes.Date()),
        F("tm", DataTypes.Time(0)), F("ts", DataTypes.Timestamp(3)), F("ltz", DataTypes.TimestampLtz(3)),
        F("ym", DataTypes.IntervalYearMonth()), F("dts", DataTypes.IntervalDayTime(6)),
        F("arr", DataTypes.Array(DataTypes.Int())), F("strs", DataTypes.Array(DataTypes.String())),
        F("r", DataTypes.Row(F("a", DataTypes.Int()), F("b", DataTypes.String()), F("c", DataTypes.Date()))));

    protected override IFormatFactory Factory { get; } = new CsvFormatFactory();

    protected override Schema Schema => CsvTypes;

    protected override IReadOnlyDictionary<string, string> Options { get; } = new Dictionary<string, string> { ["null-literal"] = "NULL" };

    protected override IReadOnlyList<(RowKind Kind, object?[] Values)> SampleRows { get; } =
    [
        (RowKind.Insert, Row(true, (sbyte)127, (short)-32768, 42, -7L, 1.5f, 1e-7, 99999999.99m, -1234567890123456789.0123456789m,
            "say \"hi\", then\nleave\r\nnow", new byte[] { 1, 2, 3, 250 }, new DateOnly(2024, 12, 31), new TimeOnly(12, 30, 45),
            new DateTime(2024, 1, 2, 3, 4, 5, 600), new DateTimeOffset(2024, 1, 2, 3, 4, 5, 6, TimeSpan.Zero), 25,
            TimeSpan.FromTicks(-1_234_567_890), Row(1, null, -3), Row("x", "y z", null), Row(5, "five, with comma", new DateOnly(2000, 1, 1)))),
        (RowKind.Insert, Row(false, (sbyte)0, (short)0, 0, 0L, -0.0f, double.PositiveInfinity, 0.00m, 0m, "", Array.Empty<byte>(),
            new DateOnly(1970, 1, 1), new TimeOnly(0, 0), new DateTime(1970, 1, 1), new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero),
            0, TimeSpan.Zero, Row(0), Row("only"), Row(null, null, null))),
        (RowKind.Insert, Row(null, null, null, null, null, null, double.NaN, null, null, "NULL", null, null, null, null, null, null,
            null, null, null, null)),
        (RowKind.Insert, Row(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null)),
    ];
}

public class CsvEscapedTabsRoundTripTests : CsvRoundTripTests
{
    protected override IReadOnlyDictionary<string, string> Options { get; } = new Dictionary<string, string>
    {
        ["field-delimiter"] = "\\t",
        ["disable-quote-character"] = "true",
        ["escape-character"] = "\\\\",
        ["null-literal"] = "NULL",
        ["array-element-delimiter"] = "|",
    };

    protected override IReadOnlyList<(RowKind Kind, object?[] Values)> SampleRows { get; } =
    [
        (RowKind.Insert, Row(true, (sbyte)1, (short)2, 3, 4L, 5.5f, 6.25, 7.00m, 8m, "tab\there, newline\nthere, back\\slash \"q\"",
            new byte[] { 9 }, new DateOnly(2020, 2, 2), new TimeOnly(1, 2, 3), new DateTime(2020, 2, 2, 2, 2, 2),
            new DateTimeOffset(2020, 2, 2, 2, 2, 2, TimeSpan.Zero), 1, TimeSpan.FromSeconds(1), Row(1, 2), Row("a;b", "c"),
            Row(1, "x\ty", new DateOnly(2020, 1, 1)))),
        (RowKind.Insert, Row(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null)),
    ];
}

public class CsvQuotedEscapeRoundTripTests : CsvRoundTripTests
{
    protected override IReadOnlyDictionary<string, string> Options { get; } = new Dictionary<string, string>
    {
        ["field-delimiter"] = ";",
        ["quote-character"] = "'",
        ["escape-character"] = "\\\\",
        ["null-literal"] = "NULL",
        ["array-element-delimiter"] = "|",
    };

    protected override IReadOnlyList<(RowKind Kind, object?[] Values)> SampleRows { get; } =
    [
        (RowKind.Insert, Row(true, (sbyte)1, (short)2, 3, 4L, 5.5f, 6.25, 7.00m, 8m, "it's; a \\ test\nwith 'quotes'",
            new byte[] { 9 }, new DateOnly(2020, 2, 2), new TimeOnly(1, 2, 3), new DateTime(2020, 2, 2, 2, 2, 2),
            new DateTimeOffset(2020, 2, 2, 2, 2, 2, TimeSpan.Zero), 1, TimeSpan.FromSeconds(1), Row(1, 2), Row("a;b", "c'd"),
            Row(1, "x;y", new DateOnly(2020, 1, 1)))),
    ];
}
