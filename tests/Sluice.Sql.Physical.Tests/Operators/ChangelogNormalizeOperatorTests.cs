using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Operators;

public sealed class ChangelogNormalizeOperatorTests
{
    private static readonly Schema Input = Schema.Of(new Field("id", DataTypes.Int().NotNull()), new Field("name", DataTypes.String()));

    [Fact]
    public void Upserts_BecomeInsertsAndUpdatePairs_DuplicatesAreDropped()
    {
        using var harness = new OperatorHarness(new ChangelogNormalizeOperator(Input, [0]));
        harness.ProcessBatch(Batch(Input, R("+I", 1, "a"), R("+U", 1, "b"), R("+I", 2, "x")));
        harness.ProcessBatch(Batch(Input, R("+U", 1, "b"), R("+I", 1, "c")));
        Assert.Equal(["+I[1, a]", "-U[1, a]", "+U[1, b]", "+I[2, x]", "-U[1, b]", "+U[1, c]"], Output(harness));
    }

    [Fact]
    public void Delete_OfAKeyOnlyTombstone_EmitsTheFullStoredRow_AndUnknownKeysAreIgnored()
    {
        using var harness = new OperatorHarness(new ChangelogNormalizeOperator(Input, [0]));
        harness.ProcessBatch(Batch(Input, R("+I", 1, "a"), R("-D", 1, null), R("-D", 7, null), R("-U", 2, "q")));
        harness.ProcessBatch(Batch(Input, R("+I", 1, "again")));
        Assert.Equal(["+I[1, a]", "-D[1, a]", "+I[1, again]"], Output(harness));
    }

    [Fact]
    public void Materialized_EqualsTheLastValuePerKey()
    {
        using var harness = new OperatorHarness(new ChangelogNormalizeOperator(Input, [0]));
        harness.ProcessBatch(Batch(Input, R("+I", 1, "a"), R("+I", 2, "b"), R("+U", 1, "c"), R("-D", 2, null), R("+I", 3, "d"), R("+U", 3, "e")));
        Assert.Equal(["[1, c]", "[3, e]"], Materialize(Output(harness)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        (string, object?[])[][] script =
        [
            [R("+I", 1, "a"), R("+I", 2, "b")],
            [R("+U", 1, "c"), R("-D", 2, null)],
            [R("+I", 2, "e"), R("+U", 1, "c"), R("+U", 1, "f"), R("-D", 1, null)],
        ];
        var uninterrupted = Run(script, -1);
        Assert.Equal(uninterrupted, Run(script, 0));
        Assert.Equal(uninterrupted, Run(script, 1));
    }

    private static List<string> Run((string, object?[])[][] script, int snapshotAfter) =>
        RunOneInput(() => new ChangelogNormalizeOperator(Input, [0]), Input, script, snapshotAfter);
}
