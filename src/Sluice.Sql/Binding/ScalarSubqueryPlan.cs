using Sluice.Sql.Planning;

namespace Sluice.Sql.Binding;

/// <summary>
/// A scalar subquery made ready to be left-joined onto its outer query: the right side of the join, the outer columns
/// its first columns equal (none for an uncorrelated subquery), and its value.
/// </summary>
/// <param name="Plan">The right side: one row per correlation key, the keys first.</param>
/// <param name="Keys">The outer query's columns that the plan's first columns equal, in order.</param>
/// <param name="Value">
/// The subquery's value over the plan's row; it may reference the outer row (<see cref="BoundOuterRef"/>), and
/// <c>COUNT</c> columns are already wrapped so that a key without rows (NULL after the join) counts 0.
/// </param>
/// <param name="NullSafeKeys">
/// True when the plan's keys are the outer query's own (distinct) correlation values, NULL included: the join back
/// matches them with <c>IS NOT DISTINCT FROM</c>, as Calcite's decorrelation does, so that an outer row whose
/// correlation value is NULL finds the subquery's value for NULL. False for keys of the subquery's rows compared by
/// equality, which a NULL never matches.
/// </param>
internal sealed record ScalarSubqueryPlan(LogicalPlan Plan, IReadOnlyList<BoundOuterRef> Keys, BoundExpression Value, bool NullSafeKeys = false);
