using Sluice.Sql.Ast;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Binding;

/// <summary>
/// Subqueries. <c>[NOT] IN</c> and <c>[NOT] EXISTS</c> conditions of <c>WHERE</c> become semi and anti joins (a
/// simple correlated subquery — one <c>SELECT</c> whose <c>WHERE</c> references the outer query — has its
/// correlated conditions moved into the join condition). A scalar subquery becomes a left join with its single
/// value; <c>NOT IN</c> is null-aware: a row is dropped when the comparison is true or unknown for some value.
/// </summary>
internal sealed partial class Binder
{
    private BoundExpression BindScalarSubquery(SubqueryExpression subquery, ExpressionContext context)
    {
        if (context.Select is not { } state)
        {
            throw NotSupported(subquery.Span, context.Aggregation is not null
                ? "scalar subqueries are not supported in aggregating queries yet"
                : $"scalar subqueries are not supported in {context.ClauseName}");
        }

        var plan = BindQuery(subquery.Query, context.Scope);
        if (ContainsOuterReferences(plan))
        {
            throw NotSupported(subquery.Span, "a correlated scalar subquery (one that references the outer query) is not supported yet");
        }

        if (plan.Schema.Count != 1)
        {
            throw Invalid(subquery.Span, $"A scalar subquery must return exactly one column, not {plan.Schema.Count}");
        }

        var column = plan.Schema[0];
        if (!IsSingleRow(plan))
        {
            var call = new AggregateCall(BuiltInFunctions.SingleValue, NodeList.Of(0), false, -1, column.Type.Nullable(), column.Name);
            plan = new Aggregate(plan, NodeList<int>.Empty, null, NodeList.Of(call));
        }

        var width = state.Input.Schema.Count;
        state.Input = new Join(state.Input, plan, JoinType.Left, BoundLiteral.True);
        return new BoundInputRef(width, state.Input.Schema[width].Name, state.Input.Schema[width].Type);
    }

    /// <summary>True when the plan returns one row: a global aggregation, possibly under projections.</summary>
    private static bool IsSingleRow(LogicalPlan plan) => plan switch
    {
        Aggregate aggregate => aggregate.GroupKeys.Count == 0 && aggregate.GroupingSets is null,
        Project project => IsSingleRow(project.Input),
        _ => false,
    };

    /// <summary>True when an expression anywhere in the plan references an enclosing query.</summary>
    private static bool ContainsOuterReferences(LogicalPlan plan) =>
        plan.Expressions.Any(e => e.Any(n => n is BoundOuterRef)) || plan.Inputs.Any(ContainsOuterReferences);

    /// <summary>Applies a <c>WHERE</c> conjunct that is <c>[NOT] EXISTS</c> or <c>[NOT] IN (subquery)</c> as a semi or anti join.</summary>
    private bool TryApplySubqueryCondition(SqlExpression conjunct, SelectState state)
    {
        var negated = false;
        var expression = conjunct;
        while (expression is UnaryExpression { Operator: UnaryOperator.Not } not)
        {
            negated = !negated;
            expression = not.Operand;
        }

        switch (expression)
        {
            case ExistsExpression exists:
                ApplySemiJoin(state, exists.Query, null, negated, exists);
                return true;
            case InSubqueryExpression inSubquery:
                ApplySemiJoin(state, inSubquery.Query, inSubquery.Operand, negated != inSubquery.IsNegated, inSubquery);
                return true;
            default:
                return false;
        }
    }

    private void ApplySemiJoin(SelectState state, SqlQuery query, SqlExpression? operand, bool anti, SqlExpression node)
    {
        var left = state.Input;
        var leftWidth = left.Schema.Count;
        var context = new ExpressionContext(state.Scope, Clause.Where);
        List<BoundExpression> tested = operand switch
        {
            null => [],
            RowConstructor { IsExplicit: false } row => row.Fields.Select(f => BindExpression(f, context)).ToList(),
            _ => [BindExpression(operand, context)],
        };

        LogicalPlan right;
        List<BoundExpression> correlated = [];
        if (IsSimpleCorrelatable(query, tested.Count))
        {
            (right, correlated) = BindCorrelatableSubquery((SelectQuery)query, state.Scope, tested.Count, leftWidth, node);
        }
        else
        {
            right = BindQuery(query, state.Scope);
            if (ContainsOuterReferences(right))
            {
                throw NotSupported(node.Span,
                    "correlated subqueries are only supported when the subquery is one SELECT ... FROM ... WHERE without grouping, DISTINCT or ordering");
            }

            if (tested.Count > 0 && right.Schema.Count != tested.Count)
            {
                throw Invalid(node.Span, $"The subquery of IN must return {tested.Count} column{(tested.Count == 1 ? "" : "s")}, not {right.Schema.Count}");
            }
        }

        BoundExpression? condition = null;
        if (tested.Count > 0)
        {
            BoundExpression? match = null;
            for (var i = 0; i < tested.Count; i++)
            {
                var column = right.Schema[i];
                var equal = Compare(BuiltInFunctions.EqualTo, tested[i], new BoundInputRef(leftWidth + i, column.Name, column.Type), node.Span);
                match = match is null ? equal : ResolveCall(BuiltInFunctions.And, [match, equal], node.Span);
            }

            // NOT IN drops a row when the comparison is true or unknown for some value: the anti join matches on "not false".
            condition = anti ? ResolveCall(BuiltInFunctions.IsNotFalse, [match!], node.Span) : match;
        }

        foreach (var c in correlated)
        {
            condition = condition is null ? c : ResolveCall(BuiltInFunctions.And, [condition, c], node.Span);
        }

        state.Input = new Join(left, right, anti ? JoinType.Anti : JoinType.Semi, condition ?? BoundLiteral.True);
    }

    /// <summary>
    /// Binds <c>SELECT items FROM ... WHERE ...</c> for a semi join: conjuncts that reference the outer query are
    /// returned (over the join row) instead of filtering; for <c>IN</c> the items come first in the right row.
    /// </summary>
    private (LogicalPlan Right, List<BoundExpression> Correlated) BindCorrelatableSubquery(SelectQuery select, Scope outer, int tested,
        int leftWidth, SqlExpression node)
    {
        var (plan, scope) = BindFrom(select.From!, outer);
        var local = new List<BoundExpression>();
        var correlated = new List<BoundExpression>();
        if (select.Where is not null)
        {
            var whereContext = new ExpressionContext(scope, Clause.Where);
            foreach (var conjunct in SplitConjunction(select.Where))
            {
                var bound = BindCondition(conjunct, whereContext);
                (bound.Any(e => e is BoundOuterRef) ? correlated : local).Add(bound);
            }
        }

        if (local.Count > 0)
        {
            plan = new Filter(plan, local.Aggregate((a, b) => ResolveCall(BuiltInFunctions.And, [a, b], select.Where!.Span)));
        }

        if (tested > 0)
        {
            var itemContext = new ExpressionContext(scope, Clause.Select);
            var values = select.Items.Select(i => BindExpression(i.Expression, itemContext)).ToList();
            if (values.Any(v => v.Any(e => e is BoundOuterRef)))
            {
                throw NotSupported(node.Span, "a subquery of IN whose SELECT list references the outer query is not supported yet");
            }

            if (correlated.Count == 0)
            {
                return (new Project(plan, values, PlanSchema.Uniquify(select.Items.Select((item, i) => item.Alias?.Value ?? DerivedName(item.Expression, i)))), []);
            }

            // The right row: the IN values, then the inner columns the correlated conditions read.
            var used = correlated.SelectMany(c => c.InputIndexes()).Distinct().Order().ToList();
            var passThrough = used.Select(i => (BoundExpression)new BoundInputRef(i, plan.Schema[i].Name, plan.Schema[i].Type));
            var names = PlanSchema.Uniquify(select.Items.Select((item, i) => item.Alias?.Value ?? DerivedName(item.Expression, i))
                .Concat(used.Select(i => plan.Schema[i].Name)));
            plan = new Project(plan, values.Concat(passThrough), names);
            var remapped = correlated.Select(c => c.Transform(node => node is BoundInputRef inner
                ? inner with { Index = leftWidth + values.Count + used.IndexOf(inner.Index) }
                : node is BoundOuterRef outer ? new BoundInputRef(outer.Index, outer.Name, outer.Type) : node));
            return (plan, remapped.ToList());
        }

        return (plan, correlated.Select(c => Shift(c, leftWidth, 0)).ToList());
    }

    /// <summary>
    /// True for a subquery whose correlated conditions can move into the join: one <c>SELECT ... FROM ... [WHERE]</c>
    /// without grouping, aggregates, windows, <c>DISTINCT</c> or ordering, returning as many columns as tested.
    /// </summary>
    private bool IsSimpleCorrelatable(SqlQuery query, int tested) =>
        query is SelectQuery { From: not null, GroupBy.Count: 0, Having: null, Windows.Count: 0 } select
        && select.Quantifier != SetQuantifier.Distinct
        && (tested == 0 || (select.Items.Count == tested && select.Items.All(i => i.Expression is not StarExpression)))
        && !select.Items.Any(i => ContainsAggregateOrWindow(i.Expression));

    /// <summary>
    /// Rewrites a correlated condition to the join row: inner columns move right by <paramref name="innerOffset"/>,
    /// outer references become left columns (shifted by <paramref name="outerOffset"/>).
    /// </summary>
    private static BoundExpression Shift(BoundExpression expression, int innerOffset, int outerOffset) =>
        expression.Transform(node => node switch
        {
            BoundInputRef inner => inner with { Index = inner.Index + innerOffset },
            BoundOuterRef outer => new BoundInputRef(outer.Index + outerOffset, outer.Name, outer.Type),
            _ => node,
        });
}
