using Sluice.Sql.Ast;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Binding;

/// <summary>
/// A scalar subquery of an aggregating query, waiting for the aggregation's output to be joined onto.
/// </summary>
/// <param name="Plan">The subquery: its correlation keys first, then its value.</param>
/// <param name="KeyPositions">The aggregation output columns (<c>GROUP BY</c> keys) the keys equal.</param>
/// <param name="Placeholder">The column index that stands for the value until the join exists.</param>
/// <param name="Node">The subquery in the source, for errors.</param>
/// <param name="Value">The subquery's value over the plan's row (see <see cref="ScalarSubqueryPlan.Value"/>).</param>
/// <param name="Correlated">
/// True when <see cref="Plan"/> is the bound subquery itself, its outer references already the aggregation's output
/// columns: it is decorrelated over that output (<see cref="Binder"/>'s <c>JoinCorrelatedScalarPlan</c>), and
/// <see cref="KeyPositions"/> and <see cref="Value"/> are unused.
/// </param>
internal sealed record PendingSubquery(LogicalPlan Plan, IReadOnlyList<int> KeyPositions, int Placeholder, SqlExpression Node, BoundExpression Value,
    bool Correlated = false);
