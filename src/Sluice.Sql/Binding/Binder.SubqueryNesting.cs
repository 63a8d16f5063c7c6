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

        // The columns read at each depth d >= 2 (relative to the subquery): those of the query d - 1 levels out of this one.
        var deep = new SortedDictionary<int, SortedSet<int>>();
        Collect(plan);
        var width = state.Input.Schema.Count;
        var input = state.Input;
        var conditions = new List<BoundExpression>();
        var carried = new Dictionary<(int Depth, int Index), int>();
        foreach (var (depth, indexes) in deep)
        {
            var source = scope;
            for (var level = 1; level < depth && source is not null; level++)
            {
                source = source.Outer;
            }

            if (source is null || !_scopeInputs.TryGetValue(source, out var outerInput))
            {
                throw NotSupported(node.Span,
                    $"this subquery refers to a query {(depth == 2 ? "two" : depth.ToString(System.Globalization.CultureInfo.InvariantCulture))} levels out from a place where that query's rows cannot be carried (a subquery in the SELECT, HAVING or "
                    + "ORDER BY of an aggregating query, or in a LATERAL subquery's FROM); refer only to the query that directly encloses it here");
            }

            // The distinct values of the outer columns read (from the rows of that query, without the filters by which it
            // carries columns itself: a superset): at most one of them equals the values of the outer row.
            var columns = indexes.ToList();
            var source0 = WithoutCorrelatedFilters(outerInput);
            var projected = new Project(source0,
                columns.Select(c => (BoundExpression)new BoundInputRef(c, source0.Schema[c].Name, source0.Schema[c].Type)),
                columns.Select((_, i) => "$cor" + (carried.Count + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var values = new Aggregate(projected, Enumerable.Range(0, columns.Count).ToNodeList(), null, NodeList<AggregateCall>.Empty);
            var start = input.Schema.Count;
            input = new Join(input, values, JoinType.Inner, BoundLiteral.True);
            for (var i = 0; i < columns.Count; i++)
            {
                var c = columns[i];
                carried[(depth, c)] = start + i;
                var column = new BoundInputRef(start + i, input.Schema[start + i].Name, input.Schema[start + i].Type);
                conditions.Add(NullSafeEqual(column, new BoundOuterRef(c, source0.Schema[c].Name, source0.Schema[c].Type, depth - 1), node.Span));
            }
        }

        var joined = input;
        state.Input = new Filter(joined, Conditions.And(conditions)!);

        return RewriteOuterReferences(plan, o => o.Depth >= 2
            ? new BoundOuterRef(carried[(o.Depth, o.Index)], joined.Schema[carried[(o.Depth, o.Index)]].Name, o.Type)
            : o);

        void Collect(LogicalPlan p)
        {
            foreach (var expression in p.Expressions)
            {
                foreach (var reference in expression.Descendants().Prepend(expression).OfType<BoundOuterRef>().Where(o => o.Depth >= 2))
                {
                    if (!deep.TryGetValue(reference.Depth, out var set))
                    {
                        deep[reference.Depth] = set = [];
                    }

                    set.Add(reference.Index);
                }
            }

            foreach (var child in p.Inputs)
            {
                Collect(child);
            }
        }
    }

    /// <summary>
    /// Pulls the correlation of a join's inputs up through the join, as Calcite's decorrelator does: a side whose rows
    /// the join keeps or drops by that side and the other side alone can have its correlated conditions filter above the
    /// join — the left side of an inner, left, semi or anti join, the right side of an inner or right join. A join whose
    /// condition reads the outer row, or whose other correlated side would be padded or only tested, is a positioned error.
    /// </summary>
    private PulledUp PullUpThroughJoin(Join join, LogicalPlan left, SqlNode node)
    {
        var leftWidth = left.Schema.Count;
        var leftCorrelated = ContainsOuterReferences(join.Left);
        var rightCorrelated = ContainsOuterReferences(join.Right);
        var supported = join.JoinType switch
        {
            JoinType.Inner => true,
            JoinType.Left or JoinType.Semi or JoinType.Anti => !rightCorrelated,
            JoinType.Right => !leftCorrelated,
            _ => false,
        };
        // An inner join's conjuncts that read the outer row filter its rows like a WHERE above it: pulled up as well.
        var outerConjuncts = join.JoinType == JoinType.Inner
            ? Conditions.Conjuncts(join.Condition).Where(c => c.Any(e => e is BoundOuterRef)).ToList()
            : [];
        var ownCondition = outerConjuncts.Count == 0
            ? join.Condition
            : Conditions.And(Conditions.Conjuncts(join.Condition).Where(c => !c.Any(e => e is BoundOuterRef)).ToList()) ?? BoundLiteral.True;
        if (!supported || ownCondition.Any(e => e is BoundOuterRef))
        {
            throw NotSupported(node.Span,
                $"a correlated {SubqueryKind(node)} subquery can only be correlated in its WHERE clause and in the sides of its joins that the join keeps "
                + $"(the {join.JoinType.ToString().ToUpperInvariant()} join here reads the {(node is DerivedTableReference ? "left side" : "outer query")} in its condition "
                + $"or in a side it pads or only tests)");
        }

        var leftInput = PullUpCorrelation(join.Left, left, node);
        var rightInput = PullUpCorrelation(join.Right, left, node);
        if (leftInput.OneRowPerOuterRow || rightInput.OneRowPerOuterRow)
        {
            throw NotSupported(node.Span, $"a correlated {SubqueryKind(node)} subquery cannot join the result of an aggregation without GROUP BY over correlated rows");
        }

        var leftInner = leftInput.Plan.Schema.Count;
        var leftColumns = join.Left.Schema.Count;

        // The right side's expressions over (outer row, its plan's row) move behind the left plan's columns.
        BoundExpression ShiftRight(BoundExpression e) => e.Transform(x => x is BoundInputRef r && r.Index >= leftWidth ? r with { Index = r.Index + leftInner } : x);
        var condition = ownCondition.Transform(e => e is BoundInputRef r
            ? r.Index < leftColumns
                ? InnerOnly(leftInput.Outputs[r.Index], leftWidth, node)
                : InnerOnly(rightInput.Outputs[r.Index - leftColumns], leftWidth, node).Transform(x => x is BoundInputRef y ? y with { Index = y.Index + leftInner } : x)
            : e);
        var joined = new Join(leftInput.Plan, rightInput.Plan, join.JoinType, condition);
        var semi = join.JoinType is JoinType.Semi or JoinType.Anti;
        var rightOutputs = (semi ? Array.Empty<BoundExpression>() : rightInput.Outputs).Select(o => ShiftRight(o).Transform(x => x is BoundInputRef r && r.Index >= leftWidth
            ? new BoundInputRef(r.Index, r.Name, joined.Schema[r.Index - leftWidth].Type)
            : x)).ToList();
        var leftOutputs = leftInput.Outputs.Select(o => o.Transform(x => x is BoundInputRef r && r.Index >= leftWidth
            ? new BoundInputRef(r.Index, r.Name, joined.Schema[r.Index - leftWidth].Type)
            : x)).ToList();
        var pulledConjuncts = outerConjuncts.Select(c => c.Transform(e => e switch
        {
            BoundInputRef r => r.Index < leftColumns ? leftOutputs[r.Index] : rightOutputs[r.Index - leftColumns],
            BoundOuterRef o => new BoundInputRef(o.Index, o.Name, o.Type),
            _ => e,
        }));
        var outputs = semi
            ? leftOutputs.ToList()
            : leftOutputs.Concat(rightOutputs).Select(LoosenNullability).ToList();
        return new PulledUp(joined, [.. leftInput.Conditions, .. rightInput.Conditions.Select(ShiftRight), .. pulledConjuncts], outputs, false);
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
