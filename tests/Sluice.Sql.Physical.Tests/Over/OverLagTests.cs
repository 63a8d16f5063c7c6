using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Over;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;
using static Sluice.Sql.Physical.Tests.Windows.TimeRows;

namespace Sluice.Sql.Physical.Tests.Over;

public sealed class OverLagTests
{
    private static readonly Schema Input = new(
    [
        new Field("k", DataTypes.String()),
        new Field("ts", DataTypes.Timestamp(3)),
        new Field("v", DataTypes.BigInt()),
    ], rowTimeIndex: 1);

    private static readonly AggregateCall[] Calls = [new(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "cnt")];

    // LAG(v) and LAG(v, 2, v): the value one row back, and two rows back defaulting to the row's own value.
    private static readonly OverLagCall[] Lags =
    [
        new(2, 1, -1, DataTypes.BigInt(), "prev"),
        new(2, 2, 2, DataTypes.BigInt(), "prev2"),
    ];

    private static OverAggregateOperator NewOperator(OverFrame frame) => new(Input, [0], 1, frame, Calls, lagCalls: Lags);

    [Fact]
    public void OutputSchema_HasTheLagColumnsAfterTheAggregates()
    {
        var schema = NewOperator(OverFrame.RangeUnbounded()).OutputSchema;
        Assert.Equal(["k", "ts", "v", "cnt", "prev", "prev2"], schema.Fields.Select(f => f.Name));
        Assert.True(schema[5].DataType.IsNullable);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Lag_IsTheValueOfAnEarlierRowOfThePartition_OrTheDefault(bool rows)
    {
        using var harness = new OperatorHarness(NewOperator(rows ? OverFrame.Rows(0) : OverFrame.RangeUnbounded()));
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(2), 2L), R("+I", "b", Ms(2), 9L), R("+I", "a", Ms(1), 1L), R("+I", "a", Ms(3), 3L)));
        harness.EndInput();

        // Rows are numbered in time order, whatever the frame: the frame only changes cnt.
        var a2Count = rows ? 1 : 2;
        var a3Count = rows ? 1 : 3;
        Assert.Equal(
        [
            "+I[a, 1, 1, 1, null, 1]", $"+I[a, 2, 2, {a2Count}, 1, 2]", $"+I[a, 3, 3, {a3Count}, 2, 1]", "+I[b, 2, 9, 1, null, 9]",
        ], Rows(harness).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Snapshot_KeepsThePartitionsLastRows_ForTheLagsAfterARestore()
    {
        OperatorSnapshot snapshot;
        using (var harness = new OperatorHarness(NewOperator(OverFrame.RangeUnbounded())))
        {
            harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(1), 1L), R("+I", "a", Ms(2), 2L)));
            harness.ProcessWatermark(2);
            Assert.Equal(2, Rows(harness).Count);
            snapshot = harness.Snapshot(1);
        }

        using var restored = new OperatorHarness(NewOperator(OverFrame.RangeUnbounded()), restoreFrom: [snapshot]);
        restored.ProcessBatch(Batch(Input, R("+I", "a", Ms(3), 3L)));
        restored.EndInput();
        Assert.Equal(["+I[a, 3, 3, 3, 2, 1]"], Rows(restored));
    }

    [Fact]
    public void LagCall_OutsideTheInput_IsRejected() =>
        Assert.Throws<ArgumentException>(() => new OverAggregateOperator(Input, [0], 1, OverFrame.RangeUnbounded(), Calls,
            lagCalls: [new OverLagCall(7, 1, -1, DataTypes.BigInt(), "x")]));
}
