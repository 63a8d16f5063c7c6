using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Operators;

public sealed class ScalarSubqueryJoinOperatorTests
{
    private static readonly Schema Left = Schema.Of(new Field("id", DataTypes.Int()), new Field("l", DataTypes.String()));
    private static readonly Schema Right = Schema.Of(new Field("v", DataTypes.BigInt()));

    private static ScalarSubqueryJoinOperator NewJoin() => new(Left, Right);

    [Fact]
    public void LeftRows_CarryTheSubqueryValue_AndAreReEmittedWhenItChanges()
    {
        using var harness = new OperatorHarness(NewJoin());
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a")), 0);
        harness.ProcessBatch(Batch(Right, R("+I", 5L)), 1);
        harness.ProcessBatch(Batch(Left, R("+I", 2, "b")), 0);
        harness.ProcessBatch(Batch(Right, R("-U", 5L), R("+U", 7L)), 1);
        harness.ProcessBatch(Batch(Left, R("-D", 1, "a")), 0);
        Assert.Equal(
            ["+I[1, a, null]", "-D[1, a, null]", "+I[1, a, 5]", "+I[2, b, 5]", "-D[1, a, 5]", "+I[1, a, null]", "-D[2, b, 5]",
             "+I[2, b, null]", "-D[1, a, null]", "+I[1, a, 7]", "-D[2, b, null]", "+I[2, b, 7]", "-D[1, a, 7]"],
            Output(harness));
    }

    [Fact]
    public void ASecondSubqueryRow_IsARuntimeError()
    {
        using var harness = new OperatorHarness(NewJoin());
        harness.ProcessBatch(Batch(Right, R("+I", 5L)), 1);
        var error = Assert.ThrowsAny<SluiceException>(() => harness.ProcessBatch(Batch(Right, R("+I", 6L)), 1));
        Assert.Contains("scalar subquery returned more than one row", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        var script = new (int Input, (string, object?[])[] Rows)[]
        {
            (0, [R("+I", 1, "a")]),
            (1, [R("+I", 5L)]),
            (0, [R("+I", 2, "b"), R("+I", 2, "b")]),
            (1, [R("-U", 5L), R("+U", 7L)]),
            (0, [R("-D", 2, "b"), R("+I", 3, "c")]),
        };
        Assert.Equal(Run(script, -1), Run(script, 1));
        Assert.Equal(Run(script, -1), Run(script, 3));
    }

    private static List<string> Run((int Input, (string, object?[])[] Rows)[] script, int snapshotAfter) =>
        RunTwoInput(NewJoin, Left, Right, script, snapshotAfter);
}
