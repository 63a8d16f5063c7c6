using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Operators;

public sealed class NullAwareAntiJoinOperatorTests
{
    private static readonly Schema Left = Schema.Of(new Field("id", DataTypes.Int()), new Field("l", DataTypes.String()));
    private static readonly Schema Right = Schema.Of(new Field("rid", DataTypes.Int()));

    private static NullAwareAntiJoinOperator NewJoin() => new(Left, Right, 0, 0);

    [Fact]
    public void EmptyRight_EveryLeftRowQualifies_EvenANullKey_UntilARightRowArrives()
    {
        using var harness = new OperatorHarness(NewJoin());
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a"), R("+I", null, "n"), R("+I", 2, "b")), 0);
        harness.ProcessBatch(Batch(Right, R("+I", 1)), 1);
        Assert.Equal(["+I[1, a]", "+I[null, n]", "+I[2, b]", "-D[1, a]", "-D[null, n]"], Output(harness));
    }

    [Fact]
    public void ANullOnTheRight_RejectsEveryLeftRow_UntilItIsRetracted()
    {
        using var harness = new OperatorHarness(NewJoin());
        harness.ProcessBatch(Batch(Right, R("+I", 1)), 1);
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a"), R("+I", 2, "b"), R("+I", 2, "b")), 0);
        harness.ProcessBatch(Batch(Right, R("+I", (object?)null)), 1);
        harness.ProcessBatch(Batch(Left, R("+I", 3, "c")), 0);
        harness.ProcessBatch(Batch(Right, R("-D", (object?)null)), 1);
        harness.ProcessBatch(Batch(Right, R("-D", 1)), 1);
        harness.ProcessBatch(Batch(Right, R("+I", 2)), 1);
        Assert.Equal(
            ["+I[2, b]", "+I[2, b]", "-D[2, b]", "-D[2, b]", "+I[2, b]", "+I[2, b]", "+I[3, c]", "+I[1, a]", "-D[2, b]", "-D[2, b]"],
            Output(harness));
    }

    [Fact]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        var script = new (int Input, (string, object?[])[] Rows)[]
        {
            (0, [R("+I", 1, "a"), R("+I", null, "n")]),
            (1, [R("+I", 1)]),
            (0, [R("+I", 2, "b"), R("-D", 1, "a")]),
            (1, [R("+I", (object?)null), R("+I", 2)]),
            (1, [R("-D", (object?)null), R("-D", 1), R("-D", 2)]),
            (0, [R("+I", 3, "c")]),
        };
        Assert.Equal(Run(script, -1), Run(script, 1));
        Assert.Equal(Run(script, -1), Run(script, 3));
    }

    private static List<string> Run((int Input, (string, object?[])[] Rows)[] script, int snapshotAfter) =>
        RunTwoInput(NewJoin, Left, Right, script, snapshotAfter);
}
