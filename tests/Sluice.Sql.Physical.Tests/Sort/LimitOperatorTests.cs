using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators.Sort;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Sort;

public sealed class LimitOperatorTests
{
    private static readonly Schema Input = Schema.Of(new Field("id", DataTypes.Int()), new Field("s", DataTypes.String()));

    private static readonly (string, object?[])[][] Batches =
    [
        [R("+I", 1, "a"), R("+I", 2, "b"), R("+I", 3, "c")],
        [R("+I", 4, "d"), R("+I", 5, null)],
        [R("+I", 6, "f")],
    ];

    [Fact]
    public void PassesTheRowsAfterTheOffset_UpToTheLimit_InArrivalOrder()
    {
        using var harness = new OperatorHarness(new LimitOperator(Input, limit: 3, offset: 1));
        foreach (var rows in Batches)
        {
            harness.ProcessBatch(Batch(Input, rows));
        }

        Assert.Equal(["+I[2, b]", "+I[3, c]", "+I[4, d]"], Output(harness));
        Assert.Equal(2, harness.OutputBatches.Count);
    }

    [Fact]
    public void LimitLargerThanTheInput_PassesEverything_AndZeroPassesNothing()
    {
        using (var all = new OperatorHarness(new LimitOperator(Input, limit: 100)))
        {
            foreach (var rows in Batches)
            {
                all.ProcessBatch(Batch(Input, rows));
            }

            Assert.Equal(["+I[1, a]", "+I[2, b]", "+I[3, c]", "+I[4, d]", "+I[5, null]", "+I[6, f]"], Output(all));
        }

        using var none = new OperatorHarness(new LimitOperator(Input, limit: 0));
        none.ProcessBatch(Batch(Input, Batches[0]));
        Assert.Empty(Output(none));
    }

    [Fact]
    public void Selection_CountsOnlySelectedRows()
    {
        using var harness = new OperatorHarness(new LimitOperator(Input, limit: 2));
        harness.ProcessBatch(Batch(Input, Batches[0]).WithSelection([1]));
        harness.ProcessBatch(Batch(Input, Batches[1]).WithSelection([0, 1]));
        Assert.Equal(["+I[2, b]", "+I[4, d]"], Output(harness));
    }

    [Fact]
    public void UpdatingInput_IsRejected()
    {
        using var harness = new OperatorHarness(new LimitOperator(Input, limit: 2));
        var error = Assert.Throws<TaskFailureException>(() => harness.ProcessBatch(Batch(Input, R("-U", 1, "a"))));
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Snapshot_RestoreMidInput_ContinuesTheCount(int snapshotAfter)
    {
        var output = new List<string>();
        var harness = new OperatorHarness(new LimitOperator(Input, limit: 3, offset: 1));
        try
        {
            for (var i = 0; i < Batches.Length; i++)
            {
                harness.ProcessBatch(Batch(Input, Batches[i]));
                if (i == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(Output(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(new LimitOperator(Input, limit: 3, offset: 1), restoreFrom: [snapshot]);
                }
            }

            output.AddRange(Output(harness));
        }
        finally
        {
            harness.Dispose();
        }

        Assert.Equal(["+I[2, b]", "+I[3, c]", "+I[4, d]"], output);
    }
}
