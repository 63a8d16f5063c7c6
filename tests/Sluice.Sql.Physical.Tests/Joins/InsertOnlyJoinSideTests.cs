using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Runtime.Operators;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Tests.Subqueries;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// A regular join side the planner knows to be insert-only (<see cref="JoinOperator.LeftInsertOnly"/>,
/// <see cref="JoinOperator.RightInsertOnly"/>) stores each added row as an entry of its own instead of counting it on an
/// equal stored row: the same multiset, so the same changes batch by batch (in another order within a batch), also for
/// outer joins' match counts, for a retraction that reaches such a side anyway, and across restores from and into the
/// searching form (the snapshot format is the same).
/// </summary>
public sealed class InsertOnlyJoinSideTests
{
    private static readonly Schema Left = Schema.Of(new Field("id", DataTypes.Int()), new Field("l", DataTypes.String()));
    private static readonly Schema Right = Schema.Of(new Field("rid", DataTypes.Int()), new Field("r", DataTypes.String()));

    /// <summary>Equal rows on both sides, interleaved with rows of other keys; the only retractions are on the right side.</summary>
    private static readonly (int Input, (string, object?[])[] Rows)[] Script =
    [
        (0, [R("+I", 1, "a"), R("+I", 1, "a"), R("+I", 2, "b"), R("+I", 1, "c"), R("+I", 1, "a")]),
        (1, [R("+I", 1, "x"), R("+I", 1, "x"), R("+I", 3, "z")]),
        (0, [R("+I", 1, "a"), R("+I", 3, "d"), R("+I", 3, "d")]),
        (1, [R("-D", 1, "x"), R("+I", 2, "y"), R("+I", 1, "w")]),
        (0, [R("+I", 2, "b"), R("+I", 1, "c")]),
        (1, [R("-D", 1, "x"), R("-D", 3, "z"), R("+I", 3, "z")]),
    ];

    [Theory]
    [InlineData(JoinKind.Inner)]
    [InlineData(JoinKind.Left)]
    [InlineData(JoinKind.Right)]
    [InlineData(JoinKind.Full)]
    public void EqualRows_AreEntriesOfTheirOwn_AndEachBatchEmitsTheSameChanges(JoinKind kind)
    {
        var searching = new JoinOperator(Left, Right, [0], [0], kind);
        var appending = new JoinOperator(Left, Right, [0], [0], kind) { LeftInsertOnly = true };
        using var a = new OperatorHarness(searching).Open();
        using var b = new OperatorHarness(appending).Open();
        foreach (var (input, rows) in Script)
        {
            Assert.Equal(Step(a, input, rows), Step(b, input, rows));
        }

        // Left: 1 a ×4, 1 c ×2, 2 b ×2, 3 d ×2 — four distinct rows when counted, ten entries when appended. The right side
        // (not insert-only) still counts its equal rows.
        Assert.Equal(4, searching.StoredEntries(0));
        Assert.Equal(10, appending.StoredEntries(0));
        Assert.Equal(searching.StoredEntries(1), appending.StoredEntries(1));
    }

    [Theory]
    [InlineData(JoinKind.Inner)]
    [InlineData(JoinKind.Full)]
    public void ARetraction_OnAnInsertOnlySide_StillRemovesOneOccurrence(JoinKind kind)
    {
        // The planner never marks a side that retracts, but the operator stays exact if one comes.
        (int, (string, object?[])[])[] script =
        [
            (0, [R("+I", 1, "a"), R("+I", 1, "a"), R("+I", 1, "a")]),
            (1, [R("+I", 1, "x")]),
            (0, [R("-D", 1, "a"), R("-U", 1, "a")]),
            (1, [R("+I", 1, "y")]),
            (0, [R("-D", 1, "a"), R("-D", 1, "a")]),
        ];
        var searching = new JoinOperator(Left, Right, [0], [0], kind);
        var appending = new JoinOperator(Left, Right, [0], [0], kind) { LeftInsertOnly = true, RightInsertOnly = true };
        using var a = new OperatorHarness(searching).Open();
        using var b = new OperatorHarness(appending).Open();
        foreach (var (input, rows) in script)
        {
            Assert.Equal(Step(a, input, rows), Step(b, input, rows));
        }

        // The last retraction finds no row left: both ignore it (an outer join still emits its padded deletion).
        Assert.Equal(0, appending.StoredEntries(0));
        Assert.Equal(2, appending.StoredEntries(1));
    }

    [Theory]
    [InlineData(JoinKind.Inner, false)]
    [InlineData(JoinKind.Inner, true)]
    [InlineData(JoinKind.Left, false)]
    [InlineData(JoinKind.Left, true)]
    [InlineData(JoinKind.Full, false)]
    [InlineData(JoinKind.Full, true)]
    public void ARestore_FromOrIntoTheSearchingForm_ContinuesAsTheUninterruptedRun(JoinKind kind, bool appendingFirst)
    {
        // The snapshot is the same format either way: counted entries restore into an appending side, and an appending
        // side's entries of equal rows restore into a searching one.
        JoinOperator Searching() => new(Left, Right, [0], [0], kind);
        JoinOperator Appending() => new(Left, Right, [0], [0], kind) { LeftInsertOnly = true };
        using (var uninterrupted = new OperatorHarness(Searching()).Open())
        {
            var expected = Script.Select(step => Step(uninterrupted, step.Input, step.Rows)).ToList();
            for (var after = 0; after < Script.Length - 1; after++)
            {
                var actual = new List<List<string>>();
                OperatorSnapshot snapshot;
                using (var first = new OperatorHarness(appendingFirst ? Appending() : Searching()).Open())
                {
                    for (var i = 0; i <= after; i++)
                    {
                        actual.Add(Step(first, Script[i].Input, Script[i].Rows));
                    }

                    snapshot = first.Snapshot(1);
                }

                using var second = new OperatorHarness(appendingFirst ? Searching() : Appending(), restoreFrom: [snapshot]).Open();
                for (var i = after + 1; i < Script.Length; i++)
                {
                    actual.Add(Step(second, Script[i].Input, Script[i].Rows));
                }

                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void ThePlanner_MarksTheInsertOnlyInputs_Only()
    {
        const string Script = """
            CREATE TABLE a (k INT, v STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '10');
            CREATE TABLE b (k INT, w STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '10');
            """;

        var both = JoinOf(NotInValueEqualityTests.PlanVertices(Script, "SELECT * FROM a JOIN b ON a.k = b.k;", 1));
        Assert.True(both.LeftInsertOnly);
        Assert.True(both.RightInsertOnly);

        // The right input is an aggregation's updating result.
        var updating = JoinOf(NotInValueEqualityTests.PlanVertices(Script,
            "SELECT * FROM a LEFT JOIN (SELECT k, COUNT(*) AS n FROM b GROUP BY k) AS c ON a.k = c.k;", 1));
        Assert.True(updating.LeftInsertOnly);
        Assert.False(updating.RightInsertOnly);
    }

    private static JoinOperator JoinOf(IReadOnlyList<Runtime.Graph.JobVertex> vertices) =>
        Assert.IsType<JoinOperator>(Assert.Single(vertices, v => v.Name == "join").Factory());

    /// <summary>Processes one batch and returns the changes it emitted, sorted (the order within a batch may differ).</summary>
    private static List<string> Step(OperatorHarness harness, int input, (string, object?[])[] rows)
    {
        var before = harness.OutputBatches.Count;
        harness.ProcessBatch(Batch(input == 0 ? Left : Right, rows), input);
        return harness.OutputBatches.Skip(before).Cast<RecordBatch>().SelectMany(b => b.ToRowStrings()).Order(StringComparer.Ordinal).ToList();
    }
}
