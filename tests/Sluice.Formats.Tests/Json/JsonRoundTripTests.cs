using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats.Json;
using Sluice.Formats.Tests.Conformance;
using static Sluice.Formats.Tests.Conformance.FormatTestSupport;

namespace Sluice.Formats.Tests.Json;

public class JsonRoundTripTests : FormatRoundTripTests
{
    internal static readonly Schema AllTypes = Schema.Of(
        F("b", DataTypes.Boolean()), F("ti", DataTypes.TinyInt()), F("si", DataTypes.SmallInt()), F("i", DataTypes.Int()),
        F("bi", DataTypes.BigInt()), F("f", DataTypes.Float()), F("d", DataTypes.Double()), F("dec", DataTypes.Decimal(10, 2)),
        F("wide", DataTypes.Decimal(38, 10)), F("s", DataTypes.String()), F("vc", DataTypes.VarChar(10)), F("bin", DataTypes.Bytes()),
        F("dt", DataTypes.Date()), F("tm", DataTypes.Time(3)), F("ts", DataTypes.Timestamp(3)), F("ts9", DataTypes.Timestamp(9)),
        F("ltz", DataTypes.TimestampLtz(6)), F("ym", DataTypes.IntervalYearMonth()), F("dts", DataTypes.IntervalDayTime(3)),
        F("arr", DataTypes.Array(DataTypes.Int())), F("strs", DataTypes.Array(DataTypes.String())),
        F("m", DataTypes.Map(DataTypes.String(), DataTypes.BigInt())),
        F("im", DataTypes.Map(DataTypes.Int(), DataTypes.Array(DataTypes.Double()))),
        F("ms", DataTypes.Multiset(DataTypes.String())),
        F("r", DataTypes.Row(F("a", DataTypes.Int()), F("b", DataTypes.String()),
            F("c", DataTypes.Array(DataTypes.Row(F("x", DataTypes.Decimal(5, 1))))))));

    internal static readonly IReadOnlyList<(RowKind Kind, object?[] Values)> AllTypesRows =
    [
        (RowKind.Insert, Row(true, (sbyte)-128, (short)32767, int.MinValue, long.MaxValue, 1.5f, 0.1, 12345678.90m,
            1234567890123456789.0123456789m, "héllo \"quoted\", comma\nnewline\ttab \\ ✓", "short", new byte[] { 0, 1, 2, 255, 10 },
            new DateOnly(2024, 2, 29), new TimeOnly(23, 59, 59, 999), new DateTime(2024, 1, 2, 3, 4, 5, 678),
            new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(1_234_560), new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(123_450),
            14, new TimeSpan(1, 2, 3, 4, 500), Row(1, null, 3), Row("a", "b,c", null), Map(("k1", 1L), ("k2", (object?)null)),
            Map((1, Row(1.5, -2.0)), (2, (object?)null)), Row("x", "x", "y"), Row(7, "seven", Row(Row(1.5m), Row((object?)null))))),
        (RowKind.Insert, Row(false, (sbyte)0, (short)-1, 0, long.MinValue, float.Epsilon, double.NaN, -1.00m, -0.0000000001m,
            "", "", Array.Empty<byte>(), new DateOnly(1, 1, 1), new TimeOnly(0, 0), new DateTime(1969, 12, 31, 23, 59, 59, 999),
            new DateTime(1970, 1, 1), new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), -1, TimeSpan.FromMilliseconds(-1500),
            Row(), Row(), Map(), Map(), Row(), Row(null, null, null))),
        (RowKind.Insert, Row(null, null, null, null, null, -3.25e-5f, 1e300, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null)),
    ];

    protected override IFormatFactory Factory { get; } = new JsonFormatFactory();

    protected override Schema Schema => AllTypes;

    protected override IReadOnlyList<(RowKind Kind, object?[] Values)> SampleRows => AllTypesRows;
}

public class JsonIsoTimestampRoundTripTests : JsonRoundTripTests
{
    protected override IReadOnlyDictionary<string, string> Options { get; } = new Dictionary<string, string>
    {
        ["timestamp-format.standard"] = "ISO-8601",
        ["encode.ignore-null-fields"] = "true",
    };
}
