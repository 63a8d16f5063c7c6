using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Joins;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Joins.TimedRows;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>Outer interval joins with a condition beyond the keys and time bounds: it decides which rows match.</summary>
public sealed class IntervalJoinResidualConditionTests
{
    private static readonly Schema Left = Schema.Of(
        new Field("k", DataTypes.Int()), new Field("l", DataTypes.String()), new Field("lt", DataTypes.Timestamp(3)));

    private static readonly Schema Right = Schema.Of(
        new Field("rk", DataTypes.Int()), new Field("r", DataTypes.String()), new Field("rt", DataTypes.Timestamp(3)));

    // ... AND l < r
    private static readonly BoundExpression Condition = BoundCall.Create(BuiltInFunctions.LessThan, DataTypes.Boolean(),
        new BoundInputRef(1, "l", DataTypes.String()), new BoundInputRef(4, "r", DataTypes.String()));

    private static IntervalJoinOperator NewJoin(JoinKind kind) =>
        new(Left, Right, [0], [0], kind, IntervalJoinBounds.Inclusive(-5, 10), JoinTimeDomain.EventTime, 2, 2, Condition);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Left_RowsWithinTheBoundsThatFailTheCondition_LeaveTheRowUnmatched(bool restore)
    {
        var harness = new OperatorHarness(NewJoin(JoinKind.Left));
        var output = new List<string>();
        try
        {
            harness.ProcessBatch(Batch(Left, R("+I", 1, "m", T(100)), R("+I", 1, "m", T(200))), 0);

            // x fails m < a; y passes m < z. Only the row at 100 gets a match.
            harness.ProcessBatch(Batch(Right, R("+I", 1, "a", T(100)), R("+I", 1, "z", T(101)), R("+I", 1, "a", T(199))), 1);
            if (restore)
            {
                var snapshot = harness.Snapshot(1);
                output.AddRange(TimedOutput(harness));
                harness.Dispose();
                harness = new OperatorHarness(NewJoin(JoinKind.Left), restoreFrom: [snapshot]);
            }

            harness.ProcessWatermark(300);
            harness.EndInput();
            output.AddRange(TimedOutput(harness));
        }
        finally
        {
            harness.Dispose();
        }

        Assert.Equal(["+I[1, m, 100, 1, z, 101]", "+I[1, m, 200, null, null, null]"], output);
    }

    [Fact]
    public void Full_RightRowsThatMatchNothingUnderTheCondition_ArePadded()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Full));
        harness.ProcessBatch(Batch(Left, R("+I", 1, "m", T(100))), 0);
        harness.ProcessBatch(Batch(Right, R("+I", 1, "a", T(100)), R("+I", 1, "z", T(100))), 1);
        harness.ProcessWatermark(300);
        Assert.Equal(["+I[1, m, 100, 1, z, 100]", "+I[null, null, null, 1, a, 100]"], TimedOutput(harness));
    }
}
