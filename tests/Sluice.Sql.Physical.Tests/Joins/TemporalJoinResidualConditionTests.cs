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

/// <summary>LEFT temporal joins with a condition beyond the key: a version that fails it leaves the row padded.</summary>
public sealed class TemporalJoinResidualConditionTests
{
    private static readonly Schema Orders = Schema.Of(
        new Field("k", DataTypes.Int()), new Field("o", DataTypes.String()), new Field("ot", DataTypes.Timestamp(3)));

    private static readonly Schema Rates = Schema.Of(
        new Field("rk", DataTypes.Int()), new Field("rate", DataTypes.Int()), new Field("vt", DataTypes.Timestamp(3)));

    // ... AND rate > 10
    private static readonly BoundExpression Condition = BoundCall.Create(BuiltInFunctions.GreaterThan, DataTypes.Boolean(),
        new BoundInputRef(4, "rate", DataTypes.Int()), new BoundLiteral(10, DataTypes.Int().NotNull()));

    private static TemporalJoinOperator NewJoin() => new(Orders, Rates, [0], [0], JoinKind.Left, 2, 2, Condition);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Left_VersionFailingTheCondition_PadsTheRow(bool restore)
    {
        var harness = new OperatorHarness(NewJoin());
        var output = new List<string>();
        try
        {
            harness.ProcessBatch(Batch(Rates, R("+I", 1, 10, T(100)), R("+U", 1, 11, T(200))), 1);
            harness.ProcessBatch(Batch(Orders, R("+I", 1, "b", T(150)), R("+I", 1, "d", T(250))), 0);
            if (restore)
            {
                var snapshot = harness.Snapshot(1);
                harness.Dispose();
                harness = new OperatorHarness(NewJoin(), restoreFrom: [snapshot]);
            }

            harness.ProcessWatermark(300);
            output.AddRange(TimedOutput(harness));
        }
        finally
        {
            harness.Dispose();
        }

        // b sees rate 10 (not > 10): padded; d sees 11.
        Assert.Equal(["+I[1, b, 150, null, null, null]", "+I[1, d, 250, 1, 11, 200]"], output);
    }
}
