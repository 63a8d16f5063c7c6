using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Operators;

public sealed class DeduplicateOperatorTests
{
    private static readonly Schema Input = Schema.Of(new Field("id", DataTypes.Int()), new Field("name", DataTypes.String()));

    [Fact]
    public void FirstRow_EmitsOnlyTheFirstRowPerKey()
    {
        using var harness = new OperatorHarness(new DeduplicateOperator(Input, [0], DeduplicateKeep.FirstRow));
        harness.ProcessBatch(Batch(Input, R("+I", 1, "a"), R("+I", 2, "b"), R("+I", 1, "c")));
        harness.ProcessBatch(Batch(Input, R("+I", 2, "d"), R("+I", 3, "e")));
        Assert.Equal(["+I[1, a]", "+I[2, b]", "+I[3, e]"], Output(harness));
    }

    [Fact]
    public void LastRow_EmitsInsertThenUpdatePairs()
    {
        using var harness = new OperatorHarness(new DeduplicateOperator(Input, [0], DeduplicateKeep.LastRow));
        harness.ProcessBatch(Batch(Input, R("+I", 1, "a"), R("+I", 1, "b")));
        harness.ProcessBatch(Batch(Input, R("+I", 2, "x"), R("+I", 1, "c")));
        Assert.Equal(["+I[1, a]", "-U[1, a]", "+U[1, b]", "+I[2, x]", "-U[1, b]", "+U[1, c]"], Output(harness));
    }

    [Fact]
    public void LastRow_UpsertMode_OmitsUpdateBefore()
    {
        using var harness = new OperatorHarness(new DeduplicateOperator(Input, [0], DeduplicateKeep.LastRow, generateUpdateBefore: false));
        harness.ProcessBatch(Batch(Input, R("+I", 1, "a"), R("+I", 1, "b"), R("+I", 2, null)));
        Assert.Equal(["+I[1, a]", "+U[1, b]", "+I[2, null]"], Output(harness));
    }

    [Fact]
    public void ProcessBatch_NonInsertRow_Throws()
    {
        using var harness = new OperatorHarness(new DeduplicateOperator(Input, [0], DeduplicateKeep.FirstRow));
        var failure = Assert.Throws<Sluice.Core.Errors.TaskFailureException>(() => harness.ProcessBatch(Batch(Input, R("-D", 1, "a"))));
        Assert.IsType<InvalidOperationException>(failure.InnerException);
    }

    [Theory]
    [InlineData(DeduplicateKeep.FirstRow)]
    [InlineData(DeduplicateKeep.LastRow)]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun(DeduplicateKeep keep)
    {
        (string, object?[])[][] script =
        [
            [R("+I", 1, "a"), R("+I", 2, "b")],
            [R("+I", 1, "c"), R("+I", 3, "d")],
            [R("+I", 2, "e"), R("+I", 1, "f"), R("+I", 4, "g")],
        ];
        Assert.Equal(Run(keep, script, -1), Run(keep, script, 0));
    }

    private static List<string> Run(DeduplicateKeep keep, (string, object?[])[][] script, int snapshotAfter)
    {
        var output = new List<string>();
        var harness = new OperatorHarness(new DeduplicateOperator(Input, [0], keep));
        try
        {
            for (var i = 0; i < script.Length; i++)
            {
                harness.ProcessBatch(Batch(Input, script[i]));
                if (i == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(Output(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(new DeduplicateOperator(Input, [0], keep), restoreFrom: [snapshot]);
                }
            }

            output.AddRange(Output(harness));
            return output;
        }
        finally
        {
            harness.Dispose();
        }
    }
}
