using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators.Sort;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Joins.TimedRows;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Sort;

public sealed class SortLimitOperatorTests
{
    private static readonly Schema Input = new(
        [new Field("ts", DataTypes.Timestamp(3)), new Field("k", DataTypes.String()), new Field("v", DataTypes.Int())], rowTimeIndex: 0);

    [Fact]
    public void RowsAreReleasedByTheWatermark_InTimeThenKeyOrder_AcrossBatches()
    {
        using var harness = new OperatorHarness(new SortLimitOperator(Input, 0, [SortColumn.Asc(1)]));
        harness.ProcessBatch(Batch(Input, R("+I", T(30), "a", 1), R("+I", T(10), "b", 2), R("+I", T(20), "c", 3)));
        harness.ProcessBatch(Batch(Input, R("+I", T(15), "d", 4), R("+I", T(10), "a", 5)));
        Assert.Empty(TimedOutput(harness));

        harness.ProcessWatermark(20);
        Assert.Equal(["+I[10, a, 5]", "+I[10, b, 2]", "+I[15, d, 4]", "+I[20, c, 3]"], TimedOutput(harness));
        Assert.Equal([20L], harness.OutputWatermarks);
        harness.ClearOutput();

        harness.ProcessBatch(Batch(Input, R("+I", T(25), "e", 6)));
        harness.EndInput();
        Assert.Equal(["+I[25, e, 6]", "+I[30, a, 1]"], TimedOutput(harness));
    }

    [Fact]
    public void SecondaryKeys_HonourDirectionAndNullPlacement_TiesKeepArrivalOrder()
    {
        var rows = new[] { R("+I", T(10), "x", 1), R("+I", T(10), null, 2), R("+I", T(10), "y", 3), R("+I", T(10), "x", 4) };
        Assert.Equal(["+I[10, y, 3]", "+I[10, x, 1]", "+I[10, x, 4]", "+I[10, null, 2]"], Sorted([SortColumn.Desc(1)], rows));
        Assert.Equal(["+I[10, null, 2]", "+I[10, y, 3]", "+I[10, x, 1]", "+I[10, x, 4]"], Sorted([new SortColumn(1, false, true)], rows));
        Assert.Equal(["+I[10, x, 1]", "+I[10, null, 2]", "+I[10, y, 3]", "+I[10, x, 4]"], Sorted([], rows));
        Assert.Equal(["+I[10, x, 4]", "+I[10, y, 3]", "+I[10, null, 2]", "+I[10, x, 1]"], Sorted([SortColumn.Desc(2)], rows));
    }

    [Fact]
    public void LimitAndOffset_SkipThenStop_AndLaterInputIsIgnored()
    {
        var op = new SortLimitOperator(Input, 0, [], limit: 3, offset: 1);
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Batch(Input, Enumerable.Range(1, 6).Reverse().Select(i => R("+I", T(i), $"r{i}", i)).ToArray()));
        harness.ProcessWatermark(2);
        Assert.Equal(["+I[2, r2, 2]"], TimedOutput(harness));
        harness.ClearOutput();

        harness.ProcessWatermark(10);
        Assert.Equal(["+I[3, r3, 3]", "+I[4, r4, 4]"], TimedOutput(harness));
        Assert.Equal(0, op.BufferedRows);
        harness.ClearOutput();

        harness.ProcessBatch(Batch(Input, R("+I", T(11), "late", 11)));
        Assert.Equal(0, op.BufferedRows);
        harness.EndInput();
        Assert.Empty(TimedOutput(harness));
    }

    [Fact]
    public void LimitZero_EmitsNothing()
    {
        using var harness = new OperatorHarness(new SortLimitOperator(Input, 0, [], limit: 0));
        harness.ProcessBatch(Batch(Input, R("+I", T(1), "a", 1)));
        harness.EndInput();
        Assert.Empty(TimedOutput(harness));
    }

    [Fact]
    public void LateAndNullTimeRows_AreDroppedAndCounted()
    {
        var op = new SortLimitOperator(Input, 0, []);
        using var harness = new OperatorHarness(op);
        harness.ProcessWatermark(50);
        harness.ProcessBatch(Batch(Input, R("+I", T(50), "late", 1), R("+I", null, "null", 2), R("+I", T(51), "ok", 3)));
        harness.EndInput();
        Assert.Equal(["+I[51, ok, 3]"], TimedOutput(harness));
        Assert.Equal(2, op.LateRowsDropped);
    }

    [Fact]
    public void UpdatingInput_IsRejected()
    {
        using var harness = new OperatorHarness(new SortLimitOperator(Input, 0, []));
        var error = Assert.Throws<TaskFailureException>(() => harness.ProcessBatch(Batch(Input, R("-D", T(1), "a", 1))));
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Throws<ArgumentException>(() => new SortLimitOperator(Input, 1, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SortLimitOperator(Input, 0, [], limit: -1));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(4L, 2)]
    public void Snapshot_RestoreAtEveryStep_MatchesUninterruptedRun(long? limit, long offset)
    {
        var script = new ((string, object?[])[]? Rows, long Watermark)[]
        {
            ([R("+I", T(30), "a", 1), R("+I", T(10), "b", 2), R("+I", T(10), "b", 3)], 0),
            ([R("+I", T(20), "c", 4), R("+I", T(10), "a", 5)], 0),
            (null, 10),
            ([R("+I", T(25), "d", 6), R("+I", T(25), "d", 7), R("+I", T(12), "e", 8)], 0),
            (null, 26),
            ([R("+I", T(40), "f", 9)], 0),
        };
        var expected = Run(script, -1, limit, offset);
        Assert.NotEmpty(expected);
        for (var at = 0; at < script.Length; at++)
        {
            Assert.Equal(expected, Run(script, at, limit, offset));
        }
    }

    private static List<string> Sorted(SortColumn[] keys, (string, object?[])[] rows)
    {
        using var harness = new OperatorHarness(new SortLimitOperator(Input, 0, keys));
        harness.ProcessBatch(Batch(Input, rows[..2]));
        harness.ProcessBatch(Batch(Input, rows[2..]));
        harness.EndInput();
        return TimedOutput(harness);
    }

    private static List<string> Run(((string, object?[])[]? Rows, long Watermark)[] script, int snapshotAfter, long? limit, long offset)
    {
        SortLimitOperator NewOperator() => new(Input, 0, [SortColumn.Asc(1)], limit, offset);
        var output = new List<string>();
        var harness = new OperatorHarness(NewOperator());
        try
        {
            for (var i = 0; i < script.Length; i++)
            {
                if (script[i].Rows is { } rows)
                {
                    harness.ProcessBatch(Batch(Input, rows));
                }
                else
                {
                    harness.ProcessWatermark(script[i].Watermark);
                }

                if (i == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(TimedOutput(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(NewOperator(), restoreFrom: [snapshot]);
                }
            }

            harness.EndInput();
            output.AddRange(TimedOutput(harness));
            return output;
        }
        finally
        {
            harness.Dispose();
        }
    }
}
