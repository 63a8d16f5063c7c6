using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats.Debezium;
using Sluice.Formats.Tests.Conformance;
using Sluice.Formats.Tests.Json;
using static Sluice.Formats.Tests.Conformance.FormatTestSupport;

namespace Sluice.Formats.Tests.Debezium;

/// <summary>
/// Every type inside Debezium envelopes. As in Flink, -U is written as a delete and +U as a create, so an update
/// reads back as -D then +I.
/// </summary>
public class DebeziumJsonRoundTripTests : FormatRoundTripTests
{
    protected override IFormatFactory Factory { get; } = new DebeziumJsonFormatFactory();

    protected override Schema Schema => JsonRoundTripTests.AllTypes;

    protected override IReadOnlyList<(RowKind Kind, object?[] Values)> SampleRows { get; } =
    [
        (RowKind.Insert, JsonRoundTripTests.AllTypesRows[0].Values),
        (RowKind.UpdateBefore, JsonRoundTripTests.AllTypesRows[0].Values),
        (RowKind.UpdateAfter, JsonRoundTripTests.AllTypesRows[1].Values),
        (RowKind.Delete, JsonRoundTripTests.AllTypesRows[2].Values),
    ];

    protected override IReadOnlyList<string> ExpectedRows => RowStrings(
    [
        (RowKind.Insert, JsonRoundTripTests.AllTypesRows[0].Values),
        (RowKind.Delete, JsonRoundTripTests.AllTypesRows[0].Values),
        (RowKind.Insert, JsonRoundTripTests.AllTypesRows[1].Values),
        (RowKind.Delete, JsonRoundTripTests.AllTypesRows[2].Values),
    ]);
}
