using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Aggregates;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>
/// The changelog of a group aggregation. Without mini-batch it is Flink's <c>GroupAggFunction</c>'s: every input row
/// emits the change it makes, in arrival order, however the rows are cut into batches. With mini-batch a bundle of rows
/// is folded and each key it touched emits one change. Both materialize to the same table.
/// </summary>
public sealed class GroupAggregateChangelogTests
{
    private static readonly Schema Input = Schema.Of(new Field("k", DataTypes.String()), new Field("v", DataTypes.BigInt()));

    private static readonly AggregateCall[] CountAndSum =
    [
        new AggregateCall(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "n"),
        new AggregateCall(AggregateKind.Sum, 1, DataTypes.BigInt(), "s"),
    ];

    private static GroupAggregateOperator NewOperator() => new(Input, [0], CountAndSum);

    private static GroupAggregateOperator NewMiniBatchOperator() =>
        new(Input, [0], CountAndSum, miniBatch: new MiniBatchOptions(TimeSpan.FromHours(1), 1000));

    private static readonly (string, object?[])[][] Script =
    [
        [R("+I", "a", 1L), R("+I", "a", 2L), R("+I", "a", 3L), R("+I", "b", 5L)],
        [R("-D", "a", 2L), R("+I", "b", 7L)],
    ];

    // Flink, row by row: each +I of a key that has rows retracts the old result and emits the new one; the -D of 2
    // leaves a with two rows.
    private static readonly string[] FlinkChangelog =
    [
        "+I[a, 1, 1]", "-U[a, 1, 1]", "+U[a, 2, 3]", "-U[a, 2, 3]", "+U[a, 3, 6]", "+I[b, 1, 5]",
        "-U[a, 3, 6]", "+U[a, 2, 4]", "-U[b, 1, 5]", "+U[b, 2, 12]",
    ];

    [Fact]
    public void Without_mini_batch_every_row_emits_its_change_in_arrival_order()
    {
        Assert.Equal(FlinkChangelog, RunOneInput(NewOperator, Input, Script, snapshotAfter: -1));
    }

    [Fact]
    public void The_changelog_does_not_depend_on_how_the_rows_are_cut_into_batches()
    {
        var perRow = Script.SelectMany(batch => batch).Select(row => new[] { row }).ToArray();

        Assert.Equal(FlinkChangelog, RunOneInput(NewOperator, Input, perRow, snapshotAfter: -1));
    }

    [Fact]
    public void A_restore_between_batches_continues_the_changelog()
    {
        Assert.Equal(FlinkChangelog, RunOneInput(NewOperator, Input, Script, snapshotAfter: 0));
    }

    [Fact]
    public void A_key_whose_rows_all_go_and_come_back_in_one_batch_is_deleted_and_inserted_again()
    {
        // Without COUNT(*) the path compares old and new results; the key's state goes with its last row, as in Flink.
        GroupAggregateOperator Sum() => new(Input, [0], [new AggregateCall(AggregateKind.Sum, 1, DataTypes.BigInt(), "s")]);
        (string, object?[])[][] script =
        [
            [R("+I", "a", 1L)],
            [R("-D", "y", 3L), R("+U", "a", 1L), R("-D", "a", 1L), R("-D", "a", 1L), R("+I", "a", 4L), R("+I", "x", 0L), R("+I", "x", 0L)],
        ];

        var output = RunOneInput(Sum, Input, script, snapshotAfter: 0);

        // The retraction of y, which has no rows, is ignored. +U of 1 adds a second row to a (sum 2); the two -D take both
        // away, so a is deleted; +I starts it afresh. x's second row leaves its sum unchanged: nothing is emitted.
        Assert.Equal(["+I[a, 1]", "-U[a, 1]", "+U[a, 2]", "-U[a, 2]", "+U[a, 1]", "-D[a, 1]", "+I[a, 4]", "+I[x, 0]"], output);
        Assert.Equal(["[a, 4]", "[x, 0]"], Materialize(output));
    }

    [Fact]
    public void With_mini_batch_a_bundle_emits_one_change_per_key_and_materializes_to_the_same_table()
    {
        // The snapshot's barrier folds the bundle that holds both batches.
        var folded = RunOneInput(NewMiniBatchOperator, Input, Script, snapshotAfter: 1);

        Assert.Equal(["+I[a, 2, 4]", "+I[b, 2, 12]"], folded);
        Assert.Equal(Materialize(FlinkChangelog), Materialize(folded));
    }
}
