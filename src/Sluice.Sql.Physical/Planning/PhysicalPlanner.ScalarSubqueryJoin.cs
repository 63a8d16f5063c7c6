using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    /// <summary>
    /// True for the join the binder makes of an uncorrelated scalar subquery: a LEFT join on <c>TRUE</c> whose right
    /// input returns at most one row (a global aggregation, possibly under projections).
    /// </summary>
    private static bool IsScalarSubqueryJoin(Join join) =>
        join.JoinType == JoinType.Left && join.Condition is BoundLiteral { Value: true } && IsSingleRow(join.Right);

    private static bool IsSingleRow(LogicalPlan plan) => plan switch
    {
        Aggregate aggregate => aggregate.GroupKeys.Count == 0 && aggregate.GroupingSets is null,
        Project project => IsSingleRow(project.Input),
        _ => false,
    };

    /// <summary>
    /// Translates a scalar subquery's join: one <see cref="ScalarSubqueryJoinOperator"/> at parallelism 1. The
    /// binder's <c>SINGLE_VALUE</c> aggregation over a subquery that may return several rows is not run: the join
    /// itself fails when the subquery holds more than one row.
    /// </summary>
    private PhysicalStream TranslateScalarSubqueryJoin(Join join)
    {
        var left = Translate(join.Left);
        var right = join.Right is Aggregate { Calls: [{ } call], Input.Schema.Count: 1 } aggregate
            && ReferenceEquals(call.Function, BuiltInFunctions.SingleValue)
            ? Translate(aggregate.Input)
            : Translate(join.Right);
        var leftSchema = left.Schema;
        var rightSchema = right.Schema;
        var ttl = _options.StateTtl;
        var vertex = AddVertex("scalar-subquery-join", KeyedParallelism(0),
            () => new ScalarSubqueryJoinOperator(leftSchema, rightSchema, ttl));
        Connect(left, vertex, [], 0);
        Connect(right, vertex, [], 1);
        return new PhysicalStream(vertex, SchemaOf(join), ChangelogMode.Of(RowKind.Insert, RowKind.Delete));
    }
}
