using Sluice.Core.Schemas;
using Sluice.Sql.Ast;
using Sluice.Sql.Binding;

namespace Sluice.Sql.Physical.Operators.MatchRecognize;

/// <summary>Everything a <see cref="MatchRecognizeOperator"/> runs.</summary>
/// <param name="InputSchema">The input rows (aggregate arguments that are expressions already computed into columns).</param>
/// <param name="PartitionKeys">The PARTITION BY columns (may be empty).</param>
/// <param name="TimeColumn">The ORDER BY time attribute.</param>
/// <param name="ProcessingTime">True when ordered by a processing-time attribute.</param>
/// <param name="SecondaryOrder">Further ORDER BY keys, ordering rows of the same time (event time only).</param>
/// <param name="Variables">The pattern variables.</param>
/// <param name="Program">The compiled pattern.</param>
/// <param name="Slots">The slots the conditions and measures read.</param>
/// <param name="Definitions">Per variable, its condition over the slot row, or null for always true.</param>
/// <param name="Measures">The measures over the slot row.</param>
/// <param name="OutputSchema">The output: the partition columns, then the measures.</param>
/// <param name="Skip">The AFTER MATCH SKIP strategy.</param>
/// <param name="SkipVariable">The variable of SKIP TO FIRST/LAST, else -1.</param>
/// <param name="WithinMillis">The WITHIN interval in milliseconds, or null.</param>
internal sealed record MatchRecognizeSpec(
    Schema InputSchema,
    int[] PartitionKeys,
    int TimeColumn,
    bool ProcessingTime,
    IReadOnlyList<BoundSortKey> SecondaryOrder,
    IReadOnlyList<string> Variables,
    MatchProgram Program,
    IReadOnlyList<MatchSlotSpec> Slots,
    IReadOnlyList<BoundExpression?> Definitions,
    IReadOnlyList<BoundExpression> Measures,
    Schema OutputSchema,
    MatchSkipKind Skip,
    int SkipVariable,
    long? WithinMillis)
{
    /// <summary>The session time zone of time-zone-dependent functions.</summary>
    public TimeZoneInfo? TimeZone { get; init; }
}
