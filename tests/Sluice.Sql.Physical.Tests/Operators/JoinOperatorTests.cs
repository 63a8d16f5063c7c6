using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Operators;

public sealed class JoinOperatorTests
{
    private static readonly Schema Left = Schema.Of(new Field("id", DataTypes.Int()), new Field("l", DataTypes.String()));
    private static readonly Schema Right = Schema.Of(new Field("rid", DataTypes.Int()), new Field("r", DataTypes.String()));

    private static JoinOperator NewJoin(JoinKind kind) => new(Left, Right, [0], [0], kind);

    [Fact]
    public void Inner_MatchesArrivingFromEitherSide_EmitJoinedRows()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Inner));
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a"), R("+I", 2, "b")), 0);
        harness.ProcessBatch(Batch(Right, R("+I", 1, "x"), R("+I", 3, "y")), 1);
        harness.ProcessBatch(Batch(Left, R("+I", 1, "c")), 0);
        harness.ProcessBatch(Batch(Right, R("-D", 1, "x")), 1);
        Assert.Equal(["+I[1, a, 1, x]", "+I[1, c, 1, x]", "-D[1, a, 1, x]", "-D[1, c, 1, x]"], Output(harness));
    }

    [Fact]
    public void Left_NoMatchThenMatchThenRetraction_EmitsPaddingTransitions()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Left));
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a")), 0);
        harness.ProcessBatch(Batch(Right, R("+I", 1, "x")), 1);
        harness.ProcessBatch(Batch(Right, R("+I", 1, "y")), 1);
        harness.ProcessBatch(Batch(Right, R("-D", 1, "x")), 1);
        harness.ProcessBatch(Batch(Right, R("-D", 1, "y")), 1);
        harness.ProcessBatch(Batch(Left, R("-D", 1, "a")), 0);
        Assert.Equal(
        [
            "+I[1, a, null, null]",
            "-D[1, a, null, null]", "+I[1, a, 1, x]",
            "+I[1, a, 1, y]",
            "-D[1, a, 1, x]",
            "-D[1, a, 1, y]", "+I[1, a, null, null]",
            "-D[1, a, null, null]",
        ], Output(harness));
        Assert.Equal(4, new JoinOperator(Left, Right, [0], [0], JoinKind.Left).OutputSchema.Count);
    }

    [Fact]
    public void Right_RowWithoutMatch_IsPaddedOnTheLeft()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Right));
        harness.ProcessBatch(Batch(Right, R("+I", 1, "x")), 1);
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a"), R("+I", 2, "b")), 0);
        Assert.Equal(["+I[null, null, 1, x]", "-D[null, null, 1, x]", "+I[1, a, 1, x]"], Output(harness));
    }

    [Fact]
    public void Full_BothSidesPadded_AndDuplicatesKeepMultiplicity()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Full));
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a"), R("+I", 1, "a")), 0);
        harness.ProcessBatch(Batch(Right, R("+I", 2, "z")), 1);
        harness.ProcessBatch(Batch(Right, R("+I", 1, "x")), 1);
        Assert.Equal(
        [
            "+I[1, a, null, null]", "+I[1, a, null, null]",
            "+I[null, null, 2, z]",
            "-D[1, a, null, null]", "-D[1, a, null, null]", "+I[1, a, 1, x]", "+I[1, a, 1, x]",
        ], Output(harness));
    }

    [Fact]
    public void NullKeys_NeverMatch()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Full));
        harness.ProcessBatch(Batch(Left, R("+I", null, "a")), 0);
        harness.ProcessBatch(Batch(Right, R("+I", null, "x")), 1);
        harness.ProcessBatch(Batch(Left, R("-D", null, "a")), 0);
        Assert.Equal(["+I[null, a, null, null]", "+I[null, null, null, x]", "-D[null, a, null, null]"], Output(harness));
    }

    [Theory]
    [InlineData(JoinKind.Inner)]
    [InlineData(JoinKind.Left)]
    [InlineData(JoinKind.Full)]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun(JoinKind kind)
    {
        var script = new (int Input, (string, object?[])[] Rows)[]
        {
            (0, [R("+I", 1, "a"), R("+I", 2, "b")]),
            (1, [R("+I", 1, "x")]),
            (0, [R("-U", 1, "a"), R("+U", 1, "a2")]),
            (1, [R("+I", 2, "y"), R("-D", 1, "x"), R("+I", 3, "z")]),
            (0, [R("+I", 3, "c")]),
        };
        Assert.Equal(Run(kind, script, -1), Run(kind, script, 1));
    }

    private static List<string> Run(JoinKind kind, (int Input, (string, object?[])[] Rows)[] script, int snapshotAfter) =>
        RunTwoInput(() => NewJoin(kind), Left, Right, script, snapshotAfter);
}
