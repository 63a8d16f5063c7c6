using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Over;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;
using static Sluice.Sql.Physical.Tests.Windows.TimeRows;

namespace Sluice.Sql.Physical.Tests.Over;

/// <summary>
/// The input, calls and script runner shared by the tests of <see cref="RetractingOverAggregateOperator"/>: rows
/// (k, ts, v) partitioned by k and ordered by ts; COUNT(*), SUM(v), MAX(v) over the frame.
/// </summary>
internal static class RetractingOverScripts
{
    public static readonly Schema Input = new(
    [
        new Field("k", DataTypes.String()),
        new Field("ts", DataTypes.Timestamp(3)),
        new Field("v", DataTypes.BigInt()),
    ], rowTimeIndex: 1);

    public static readonly AggregateCall[] Calls =
    [
        new(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "cnt"),
        new(AggregateKind.Sum, 2, DataTypes.BigInt(), "total"),
        new(AggregateKind.Max, 2, DataTypes.BigInt(), "high"),
    ];

    /// <summary>An operator over <see cref="Input"/> partitioned by k, ordered by ts, computing <see cref="Calls"/>.</summary>
    public static RetractingOverAggregateOperator NewOperator(OverFrame frame, IReadOnlyList<OverLagCall>? offsets = null) =>
        new(Input, [0], 1, frame, Calls, offsetCalls: offsets);

    /// <summary>
    /// Feeds the batches of <paramref name="script"/>; after step <paramref name="snapshotAfter"/> (or never, with -1)
    /// snapshots and restores a new operator. Rows are read with their times as text (<see cref="Rows(OperatorHarness)"/>).
    /// </summary>
    public static List<string> Run(Func<RetractingOverAggregateOperator> create, (string, object?[])[][] script, int snapshotAfter) =>
        RunOneInput(create, Input, script, snapshotAfter, Rows);
}
