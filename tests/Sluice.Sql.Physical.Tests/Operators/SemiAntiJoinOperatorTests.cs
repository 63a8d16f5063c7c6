using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Operators;

public sealed class SemiAntiJoinOperatorTests
{
    private static readonly Schema Left = Schema.Of(new Field("id", DataTypes.Int()), new Field("l", DataTypes.String()));
    private static readonly Schema Right = Schema.Of(new Field("rid", DataTypes.Int()));

    private static SemiAntiJoinOperator NewJoin(bool anti) => new(Left, Right, [0], [0], anti);

    [Fact]
    public void Semi_EmitsLeftRowsWhileTheirKeyHasMatches()
    {
        using var harness = new OperatorHarness(NewJoin(anti: false));
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a"), R("+I", 2, "b")), 0);
        harness.ProcessBatch(Batch(Right, R("+I", 1), R("+I", 1)), 1);
        harness.ProcessBatch(Batch(Left, R("+I", 1, "c")), 0);
        harness.ProcessBatch(Batch(Right, R("-D", 1)), 1);
        harness.ProcessBatch(Batch(Right, R("-D", 1)), 1);
        Assert.Equal(["+I[1, a]", "+I[1, c]", "-D[1, a]", "-D[1, c]"], Output(harness));
    }

    [Fact]
    public void Anti_EmitsLeftRowsWithoutMatches_AndRetractsThemWhenAMatchArrives()
    {
        using var harness = new OperatorHarness(NewJoin(anti: true));
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a"), R("+I", null, "n")), 0);
        harness.ProcessBatch(Batch(Right, R("+I", 1)), 1);
        harness.ProcessBatch(Batch(Right, R("-D", 1)), 1);
        harness.ProcessBatch(Batch(Left, R("-D", 1, "a")), 0);
        Assert.Equal(["+I[1, a]", "+I[null, n]", "-D[1, a]", "+I[1, a]", "-D[1, a]"], Output(harness));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun(bool anti)
    {
        var script = new (int Input, (string, object?[])[] Rows)[]
        {
            (0, [R("+I", 1, "a"), R("+I", 2, "b")]),
            (1, [R("+I", 1)]),
            (0, [R("-U", 1, "a"), R("+U", 1, "a2")]),
            (1, [R("+I", 2), R("-D", 1), R("+I", 3)]),
            (0, [R("+I", 3, "c"), R("+I", 4, "d")]),
        };
        Assert.Equal(Run(anti, script, -1), Run(anti, script, 1));
        Assert.Equal(Run(anti, script, -1), Run(anti, script, 3));
    }

    private static List<string> Run(bool anti, (int Input, (string, object?[])[] Rows)[] script, int snapshotAfter) =>
        RunTwoInput(() => NewJoin(anti), Left, Right, script, snapshotAfter);
}
