using Sluice.Sql.Ast;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Binding;

/// <summary>
/// Scalar subqueries correlated by more than equalities, decorrelated as Calcite does for Flink: over the outer
/// query's distinct correlation values, and the value of a decorrelated subquery computed after its join.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>
    /// Decorrelates <c>(SELECT agg(...) FROM t WHERE t.k = outer.k AND t.ts &lt;= outer.ts [AND local conditions])</c>:
    /// the distinct values of the outer columns the correlation reads (<c>SELECT DISTINCT k, ts FROM outer</c>) are
    /// joined with the subquery's rows on the correlation (<c>t.k = d.k AND t.ts &lt;= d.ts</c>: keyed by its
    /// equalities), aggregated per distinct value, and left-joined back onto the outer query on those columns with
    /// <c>IS NOT DISTINCT FROM</c> (a NULL correlation value is a value of the domain too: its rows are those the
    /// correlation holds for with NULL, as in <c>t.k IS NOT DISTINCT FROM outer.k</c>). A plain value instead of an
    /// aggregate is grouped as <c>SINGLE_VALUE(value)</c>.
    /// </summary>
    private ScalarSubqueryPlan DecorrelateOverOuterValues(SelectQuery select, SubqueryExpression subquery, LogicalPlan from, Scope scope,
        List<BoundExpression> local, List<BoundExpression> correlated, LogicalPlan outerInput)
    {
        var outerColumns = correlated.SelectMany(c => c.Descendants().OfType<BoundOuterRef>()).Select(o => o.Index).Distinct().Order().ToList();
        if (outerColumns.Any(c => c >= outerInput.Schema.Count))
        {
            throw NotSupported(subquery.Span, "a correlated scalar subquery can only reference the query it is nested in");
        }

        // The domain: the distinct correlation values of the outer rows.
        var names = outerColumns.Select((_, i) => "$cor" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var projected = new Project(outerInput,
            outerColumns.Select(c => (BoundExpression)new BoundInputRef(c, outerInput.Schema[c].Name, outerInput.Schema[c].Type)), names);
        var domain = new Aggregate(projected, Enumerable.Range(0, outerColumns.Count).ToNodeList(), null, NodeList<AggregateCall>.Empty);

        var input = local.Count == 0 ? from : new Filter(from, local.Aggregate((a, b) => ResolveCall(BuiltInFunctions.And, [a, b], subquery.Span)));
        var width = from.Schema.Count;
        var condition = correlated.Aggregate((a, b) => ResolveCall(BuiltInFunctions.And, [a, b], subquery.Span))
            .Transform(node => node is BoundOuterRef o ? new BoundInputRef(width + outerColumns.IndexOf(o.Index), o.Name, o.Type) : node);
        var joined = new Join(input, domain, JoinType.Inner, condition);

        // The subquery's own names stay visible; the domain's columns are hidden (they are only the group keys).
        var domainColumns = joined.Schema.Skip(width).ToArray();
        var domainTable = new ScopeTable(null, width, domainColumns).WithHidden(domainColumns.Select(c => c.Name));
        var joinedScope = new Scope([.. scope.Tables, domainTable], scope.Outer);
        var aggregation = new AggregateBinding(joined, joinedScope);
        aggregation.SetKeys(domainColumns.Select((c, i) => (BoundExpression)new BoundInputRef(width + i, c.Name, c.Type)).ToList(), null);

        var item = select.Items[0];
        var name = item.Alias?.Value ?? "EXPR$0";
        BoundExpression value;
        if (ContainsAggregate(item.Expression))
        {
            value = BindExpression(item.Expression, new ExpressionContext(joinedScope, Clause.Select) { Aggregation = aggregation, AggregateNameHint = name });
        }
        else
        {
            // A plain value: at most one row per correlation value, which SINGLE_VALUE checks at runtime.
            var plain = BindExpression(item.Expression, new ExpressionContext(joinedScope, Clause.Select));
            var argument = aggregation.AddArgument(plain);
            value = aggregation.AddCall(new AggregateCall(BuiltInFunctions.SingleValue, NodeList.Of(argument), false, -1, plain.Type.Nullable(), name));
        }

        var aggregate = aggregation.Build();
        if (ContainsOuterReferences(aggregate))
        {
            throw NotSupported(item.Span, "the SELECT item of a correlated scalar subquery can reference the outer query only outside aggregate calls");
        }

        var keys = outerColumns.Select(c => new BoundOuterRef(c, outerInput.Schema[c].Name, outerInput.Schema[c].Type)).ToList();
        return new ScalarSubqueryPlan(aggregate, keys, WithCountsOfNoRows(value, aggregate, subquery), NullSafeKeys: true);
    }

    /// <summary>
    /// Wraps the <c>COUNT</c> columns that <paramref name="value"/> reads of <paramref name="aggregate"/> in
    /// <c>COALESCE(count, 0)</c>: after the left join a correlation value without rows reads NULL, and COUNT over no
    /// rows is 0, also inside a larger expression (<c>COUNT(*) + 1</c> is 1).
    /// </summary>
    private static BoundExpression WithCountsOfNoRows(BoundExpression value, Aggregate aggregate, SqlExpression node)
    {
        var keyCount = aggregate.GroupKeys.Count;
        return value.Transform(e => e is BoundInputRef r && r.Index >= keyCount && r.Index - keyCount < aggregate.Calls.Count
            && ReferenceEquals(aggregate.Calls[r.Index - keyCount].Function, BuiltInFunctions.Count)
                ? CountOfNoRows(r, node)
                : e);
    }

    /// <summary>
    /// A subquery's value over the row of its join: its columns start at <paramref name="width"/> (and are nullable, being
    /// padded), outer references become <paramref name="outerReference"/>, and the types of the expressions over them
    /// admit NULL.
    /// </summary>
    private static BoundExpression JoinedValue(BoundExpression value, int width, PlanSchema joined,
        Func<BoundOuterRef, BoundExpression> outerReference)
    {
        var shifted = value.Transform(e => e switch
        {
            BoundInputRef r => new BoundInputRef(width + r.Index, joined[width + r.Index].Name, joined[width + r.Index].Type),
            BoundOuterRef o => outerReference(o),
            _ => e,
        });
        return LoosenNullability(shifted);
    }

    /// <summary>
    /// Recomputes the nullability of calls, casts and CASEs whose operands became nullable (a NOT NULL <c>MAX(v) + 1</c>
    /// over a padded column is nullable); tests such as <c>IS NULL</c> and <c>COALESCE</c> keep their type.
    /// </summary>
    private static BoundExpression LoosenNullability(BoundExpression expression) =>
        expression.Transform(e => e switch
        {
            BoundCall call when !call.Type.IsNullable && call.Operands.Any(o => o.Type.IsNullable)
                && !ReferenceEquals(call.Function, BuiltInFunctions.Coalesce) && !call.Function.Name.StartsWith("IS ", StringComparison.Ordinal)
                => new BoundCall(call.Function, call.Operands, call.Type.Nullable()),
            BoundCast cast when !cast.Type.IsNullable && cast.Operand.Type.IsNullable => new BoundCast(cast.Operand, cast.Type.Nullable(), cast.IsTry),
            BoundCase @case when !@case.Type.IsNullable && @case.Children.Any(c => c.Type.IsNullable) => new BoundCase(@case.Conditions, @case.Results, @case.Else, @case.Type.Nullable()),
            _ => e,
        });
}
