using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>
/// Pins where the group aggregation without mini-batch differs from Flink's: Flink's <c>GroupAggFunction</c> emits a
/// change per input row, while Sluice folds each input batch (a bundle of one batch) and emits one change per key and
/// batch. The final result, and so the changelog applied to a table, is the same; only intermediate updates inside one
/// batch are not emitted.
/// </summary>
public sealed class GroupAggregateBatchFoldingTests
{
    private static readonly Schema Input = Schema.Of(new Field("k", DataTypes.String()), new Field("v", DataTypes.BigInt()));

    private static GroupAggregateOperator NewOperator() => new(Input, [0],
    [
        new AggregateCall(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "n"),
        new AggregateCall(AggregateKind.Sum, 1, DataTypes.BigInt(), "s"),
    ]);

    // Flink, row by row: +I[a, 1, 1], -U[a, 1, 1], +U[a, 2, 3], -U[a, 2, 3], +U[a, 3, 6], +I[b, 1, 5], -U[a, 3, 6],
    // +U[a, 2, 4] (the -D of 2), -U[b, 1, 5], +U[b, 2, 12].
    private static readonly (string, object?[])[][] Script =
    [
        [R("+I", "a", 1L), R("+I", "a", 2L), R("+I", "a", 3L), R("+I", "b", 5L)],
        [R("-D", "a", 2L), R("+I", "b", 7L)],
    ];

    [Fact]
    public void Several_rows_of_a_key_in_one_batch_emit_one_change_per_key()
    {
        var output = RunOneInput(NewOperator, Input, Script, snapshotAfter: -1);

        Assert.Equal(["+I[a, 3, 6]", "+I[b, 1, 5]", "-U[a, 3, 6]", "+U[a, 2, 4]", "-U[b, 1, 5]", "+U[b, 2, 12]"], output);
    }

    [Fact]
    public void The_folded_changelog_materializes_to_the_row_by_row_result()
    {
        var perRow = Script.SelectMany(batch => batch).Select(row => new[] { row }).ToArray();

        var folded = Materialize(RunOneInput(NewOperator, Input, Script, snapshotAfter: -1));
        var rowByRow = RunOneInput(NewOperator, Input, perRow, snapshotAfter: -1);

        Assert.Equal(["[a, 2, 4]", "[b, 2, 12]"], folded);
        Assert.Equal(folded, Materialize(rowByRow));
        Assert.Equal(10, rowByRow.Count);
    }

    [Fact]
    public void A_restore_between_batches_keeps_the_folded_changelog()
    {
        var output = RunOneInput(NewOperator, Input, Script, snapshotAfter: 0);

        Assert.Equal(["+I[a, 3, 6]", "+I[b, 1, 5]", "-U[a, 3, 6]", "+U[a, 2, 4]", "-U[b, 1, 5]", "+U[b, 2, 12]"], output);
    }
}
