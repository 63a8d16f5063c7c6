using Sluice.Sql.Ast;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;
using Sluice.Sql.Planning.Rules;

namespace Sluice.Sql.Binding;

/// <summary>
/// Subqueries that reference a query two levels out (<c>... WHERE EXISTS (SELECT 1 FROM b WHERE b.k = a.k AND EXISTS
/// (SELECT 1 FROM c WHERE c.x = a.x))</c>), decorrelated from the innermost out as Calcite does for Flink: the query in
/// between is made to carry the columns of the outer query that the inner subquery reads — joined with their distinct
/// values (a value generator) and filtered to those of the outer row (<c>IS NOT DISTINCT FROM</c>, a correlation of
/// its own) — so that the inner subquery is correlated with the query directly enclosing it only, and decorrelated as
/// usual; the query in between is then decorrelated into the outer query, its correlation pulled up through the joins.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>The input of each query whose subqueries are being bound, by its scope (the row a reference indexes).</summary>
    private readonly Dictionary<Scope, LogicalPlan> _scopeInputs = new(ReferenceEqualityComparer.Instance);

    /// <summary>Records <paramref name="input"/> as the row of <paramref name="scope"/>, for subqueries two levels in.</summary>
    private void RegisterScopeInput(Scope scope, LogicalPlan input) => _scopeInputs[scope] = input;

    /// <summary>True when an expression of the plan references a query more than one level out.</summary>
    private static bool ContainsDeepOuterReferences(LogicalPlan plan) =>
        plan.Expressions.Any(e => e.Any(n => n is BoundOuterRef { Depth: > 1 })) || plan.Inputs.Any(ContainsDeepOuterReferences);

    /// <summary>
    /// Makes the query whose <see cref="SelectState"/> is <paramref name="state"/> (and whose scope is
    /// <paramref name="scope"/>) carry the columns of its enclosing query that <paramref name="plan"/> — a subquery of
    /// it — references two levels out: its input is joined with the distinct values of those columns (from the enclosing
    /// query's input) and filtered to the values of the enclosing query's row, and the references become references
    /// of depth 1 to the carried columns. Returns <paramref name="plan"/> unchanged when it has no such references.
    /// </summary>
    private LogicalPlan CarryOuterColumns(LogicalPlan plan, SelectState state, Scope scope, SqlNode node)
    {
        if (!ContainsDeepOuterReferences(plan))
        {
            return plan;
        }

        if (scope.Outer is not { } outerScope || !_scopeInputs.TryGetValue(outerScope, out var outerInput))
        {
            throw NotSupported(node.Span,
                "this subquery refers to a query two levels out from a place where that query's rows cannot be carried (a subquery in the SELECT, HAVING or "
                + "ORDER BY of an aggregating query, or in a LATERAL subquery's FROM); refer only to the query that directly encloses it here");
        }

        var deep = new SortedSet<int>();
        Collect(plan);
        var columns = deep.ToList();

        // The distinct values of the outer columns read: at most one of them equals the outer row's values.
        var projected = new Project(outerInput,
            columns.Select(c => (BoundExpression)new BoundInputRef(c, outerInput.Schema[c].Name, outerInput.Schema[c].Type)),
            columns.Select((_, i) => "$cor" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var values = new Aggregate(projected, Enumerable.Range(0, columns.Count).ToNodeList(), null, NodeList<AggregateCall>.Empty);
        var width = state.Input.Schema.Count;
        var joined = new Join(state.Input, values, JoinType.Inner, BoundLiteral.True);
        var condition = Conditions.And(columns.Select((c, i) =>
        {
            var carried = new BoundInputRef(width + i, joined.Schema[width + i].Name, joined.Schema[width + i].Type);
            return NullSafeEqual(carried, new BoundOuterRef(c, outerInput.Schema[c].Name, outerInput.Schema[c].Type), node.Span);
        }).ToList())!;
        state.Input = new Filter(joined, condition);

        return RewriteOuterReferences(plan, o => o.Depth == 2
            ? new BoundOuterRef(width + columns.IndexOf(o.Index), joined.Schema[width + columns.IndexOf(o.Index)].Name, o.Type)
            : o);

        void Collect(LogicalPlan p)
        {
            foreach (var expression in p.Expressions)
            {
                foreach (var reference in expression.Descendants().Prepend(expression).OfType<BoundOuterRef>().Where(o => o.Depth == 2))
                {
                    deep.Add(reference.Index);
                }
            }

            foreach (var input in p.Inputs)
            {
                Collect(input);
            }
        }
    }

    /// <summary>
    /// Pulls the correlation of a join's left input up through the join (an inner, left, semi or anti join keeps or
    /// drops each left row by the left row and the right side alone, so the left side's correlated conditions can
    /// filter above it). A join whose condition or right side reads the outer row is a positioned error.
    /// </summary>
    private PulledUp PullUpThroughJoin(Join join, LogicalPlan left, SqlNode node)
    {
        var leftWidth = left.Schema.Count;
        if (join.JoinType is not (JoinType.Inner or JoinType.Left or JoinType.Semi or JoinType.Anti)
            || ContainsOuterReferences(join.Right) || join.Condition.Any(e => e is BoundOuterRef))
        {
            throw NotSupported(node.Span,
                $"a correlated {SubqueryKind(node)} subquery can only be correlated in its WHERE clause and its FROM items' left sides "
                + $"(the {join.JoinType.ToString().ToUpperInvariant()} join here reads the {(node is DerivedTableReference ? "left side" : "outer query")} in its condition or right side)");
        }

        var input = PullUpCorrelation(join.Left, left, node);
        if (input.OneRowPerOuterRow)
        {
            throw NotSupported(node.Span, $"a correlated {SubqueryKind(node)} subquery cannot join the result of an aggregation without GROUP BY over correlated rows");
        }

        var innerWidth = input.Plan.Schema.Count;
        var leftColumns = join.Left.Schema.Count;
        var condition = join.Condition.Transform(e => e is BoundInputRef r
            ? r.Index < leftColumns ? InnerOnly(input.Outputs[r.Index], leftWidth, node) : r with { Index = innerWidth + r.Index - leftColumns }
            : e);
        var joined = new Join(input.Plan, join.Right, join.JoinType, condition);
        var outputs = join.JoinType is JoinType.Semi or JoinType.Anti
            ? input.Outputs
            : input.Outputs.Concat(join.Right.Schema.Select((_, j) =>
                (BoundExpression)new BoundInputRef(leftWidth + innerWidth + j, joined.Schema[innerWidth + j].Name, joined.Schema[innerWidth + j].Type))).ToList();
        return new PulledUp(joined, input.Conditions, outputs, false);
    }

    /// <summary>An output of a pulled-up plan that reads only the plan's row, over that row; else a positioned error.</summary>
    private static BoundExpression InnerOnly(BoundExpression output, int leftWidth, SqlNode node)
    {
        if (output.InputIndexes().Any(i => i < leftWidth))
        {
            throw NotSupported(node.Span,
                $"a correlated {SubqueryKind(node)} subquery cannot join on a column computed from the {(node is DerivedTableReference ? "left side" : "outer query")}");
        }

        return output.Transform(e => e is BoundInputRef r ? r with { Index = r.Index - leftWidth } : e);
    }

    /// <summary>
    /// The rows of <paramref name="plan"/> (an outer query's input) without the conjuncts of its filters that read an
    /// enclosing query (the filters of columns it carries): for every row of the enclosing query a superset of its rows,
    /// from which the distinct correlation values of a decorrelated subquery can be taken (those of no outer row are
    /// never joined back). Filters below an aggregation, or below the right side of an outer or anti join, stay.
    /// </summary>
    private static LogicalPlan WithoutCorrelatedFilters(LogicalPlan plan)
    {
        if (!ContainsOuterReferences(plan))
        {
            return plan;
        }

        switch (plan)
        {
            case Filter filter:
            {
                var input = WithoutCorrelatedFilters(filter.Input);
                var kept = Conditions.Conjuncts(filter.Condition).Where(c => !c.Any(e => e is BoundOuterRef)).ToList();
                return kept.Count == 0 ? input : new Filter(input, Conditions.And(kept)!);
            }

            case Project project when !project.Projections.Any(e => e.Any(n => n is BoundOuterRef)):
                return project.WithInputs([WithoutCorrelatedFilters(project.Input)]);
            case Join join when !join.Condition.Any(e => e is BoundOuterRef):
                return join.WithInputs([
                    WithoutCorrelatedFilters(join.Left),
                    join.JoinType is JoinType.Inner or JoinType.Semi ? WithoutCorrelatedFilters(join.Right) : join.Right,
                ]);
            default:
                return plan;
        }
    }

    /// <summary>The kind of subquery, for errors.</summary>
    private static string SubqueryKind(SqlNode node) => node switch
    {
        SubqueryExpression => "scalar",
        ExistsExpression => "EXISTS",
        InSubqueryExpression => "IN",
        _ => "LATERAL",
    };
}
