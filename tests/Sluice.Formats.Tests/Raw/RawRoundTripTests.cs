using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats.Raw;
using Sluice.Formats.Tests.Conformance;
using static Sluice.Formats.Tests.Conformance.FormatTestSupport;

namespace Sluice.Formats.Tests.Raw;

/// <summary>Raw strings in lines: no nulls (a null is written as an empty line, which reads back as an empty string).</summary>
public class RawStringRoundTripTests : FormatRoundTripTests
{
    protected override IFormatFactory Factory { get; } = new RawFormatFactory();

    protected override Schema Schema { get; } = Schema.Of(F("line", DataTypes.String()));

    protected override IReadOnlyList<(RowKind Kind, object?[] Values)> SampleRows { get; } =
    [
        (RowKind.Insert, Row("hello")),
        (RowKind.Insert, Row("")),
        (RowKind.Insert, Row("ünïcödé ✓, with \"quotes\" and\ttabs")),
        (RowKind.Insert, Row("{\"not\": \"parsed\"}")),
    ];
}

public class RawLatin1RoundTripTests : RawStringRoundTripTests
{
    protected override IReadOnlyDictionary<string, string> Options { get; } = new Dictionary<string, string> { ["charset"] = "ISO-8859-1" };

    protected override IReadOnlyList<(RowKind Kind, object?[] Values)> SampleRows { get; } =
    [
        (RowKind.Insert, Row("café")),
        (RowKind.Insert, Row("naïve façade")),
    ];
}

public class RawBytesRoundTripTests : FormatRoundTripTests
{
    protected override IFormatFactory Factory { get; } = new RawFormatFactory();

    protected override Schema Schema { get; } = Schema.Of(F("payload", DataTypes.Bytes()));

    protected override IReadOnlyList<(RowKind Kind, object?[] Values)> SampleRows { get; } =
    [
        (RowKind.Insert, Row(new byte[] { 0, 1, 2, 255 })),
        (RowKind.Insert, Row(new byte[] { 0x7F, 0x80, 0x0B })),
    ];
}
