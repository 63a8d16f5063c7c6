using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Subqueries;

/// <summary>The operator of <c>(a, b) NOT IN (SELECT x, y ...)</c>: its exact changelog as the right side changes, and snapshot/restore.</summary>
public sealed class NullAwareRowAntiJoinOperatorTests
{
    private static readonly Schema Left = Schema.Of(new Field("a", DataTypes.Int()), new Field("b", DataTypes.String()), new Field("id", DataTypes.Int()));

    private static readonly Schema Right = Schema.Of(new Field("x", DataTypes.Int()), new Field("y", DataTypes.String()));

    private static NullAwareRowAntiJoinOperator NewOperator() => new(Left, Right, [0, 1], [0, 1]);

    private static readonly (int, (string, object?[])[])[] Script =
    [
        (0, [R("+I", 1, "a", 1), R("+I", 2, "b", 2), R("+I", null, "c", 3)]),
        (1, [R("+I", 1, "a")]),
        (1, [R("+I", null, "b")]),
        (0, [R("+I", 2, null, 4), R("+I", 3, "c", 5)]),
        (1, [R("-D", null, "b"), R("-D", 1, "a")]),
        (0, [R("-D", 2, "b", 2)]),
    ];

    [Fact]
    public void EmitsAndRetractsLeftRows_AsTheRightSideChanges()
    {
        string[][] expected =
        [
            // The right side is empty: every left row is NOT IN.
            ["+I[1, a, 1]", "+I[2, b, 2]", "+I[null, c, 3]"],

            // (1, a) arrives: it equals (1, a, 1); (NULL, c) is unknown in a but differs in b, so it stays.
            ["-D[1, a, 1]"],

            // (NULL, b) arrives: unknown against (2, b) in a and equal in b.
            ["-D[2, b, 2]"],

            // (2, NULL) is unknown against (NULL, b); (3, c) differs from both right rows in some column.
            ["+I[3, c, 5]"],

            // The right side empties again: every stored row that was not returned is NOT IN now.
            ["+I[1, a, 1]", "+I[2, b, 2]", "+I[2, null, 4]"],

            ["-D[2, b, 2]"],
        ];

        using var harness = new Testing.OperatorHarness(NewOperator());
        for (var i = 0; i < Script.Length; i++)
        {
            var (input, rows) = Script[i];
            harness.ProcessBatch(Batch(input == 0 ? Left : Right, rows), input);
            Assert.Equal(expected[i], Output(harness).Order(StringComparer.Ordinal));
            harness.ClearOutput();
        }
    }

    [Fact]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        var expected = RunTwoInput(NewOperator, Left, Right, Script, snapshotAfter: -1);
        for (var step = 0; step < Script.Length - 1; step++)
        {
            Assert.Equal(Materialize(expected), Materialize(RunTwoInput(NewOperator, Left, Right, Script, snapshotAfter: step)));
        }
    }
}
