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
    private ScalarSubqueryPlan? DecorrelateOverOuterValues(SelectQuery select, SubqueryExpression subquery, LogicalPlan from, Scope scope,
        List<BoundExpression> local, List<BoundExpression> correlated, LogicalPlan outerInput)
    {
        var outerColumns = correlated.SelectMany(c => c.Descendants().OfType<BoundOuterRef>()).Select(o => o.Index).Distinct().Order().ToList();
        if (outerColumns.Any(c => c >= outerInput.Schema.Count))
        {
            throw NotSupported(subquery.Span, "a correlated scalar subquery can only reference the query it is nested in");
        }

        // The domain: the distinct correlation values of the outer rows.
        var names = outerColumns.Select((_, i) => "$cor" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var projected = new Project(WithoutCorrelatedFilters(outerInput),
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
            // An aggregate's argument reads the outer row: decorrelated as a plan, over the values it reads too.
            return null;
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

    /// <summary>
    /// Joins a correlated scalar subquery of a shape the rewrite of its syntax does not cover (grouped, nested subqueries
    /// in its <c>WHERE</c>, a derived table reading the outer row, aggregate arguments reading it, ...) onto
    /// <paramref name="left"/>, as Calcite's decorrelator does for Flink: the subquery's plan (under
    /// <c>SINGLE_VALUE</c> unless it surely returns one row) has its correlation pulled up to a left join (see
    /// <see cref="PullUpCorrelation"/>): filters' correlated conditions become join conditions, an aggregation is grouped
    /// by the correlation (the inner sides of correlated equalities, or the distinct outer values the correlation and its
    /// arguments read, joined back with <c>IS NOT DISTINCT FROM</c>). <paramref name="plan"/>'s outer references index
    /// <paramref name="left"/>'s row. Returns the join and the subquery's value over its row.
    /// </summary>
    private (LogicalPlan Joined, BoundExpression Value) JoinCorrelatedScalarPlan(LogicalPlan left, LogicalPlan plan, SqlExpression subquery)
    {
        if (plan.Schema.Count != 1)
        {
            throw Invalid(subquery.Span, $"A scalar subquery must return exactly one column, not {plan.Schema.Count}");
        }

        if (!AtMostOneRow(plan))
        {
            var column = plan.Schema[0];
            var single = new AggregateCall(BuiltInFunctions.SingleValue, NodeList.Of(0), false, -1, column.Type.Nullable(), column.Name);
            plan = new Aggregate(plan, NodeList<int>.Empty, null, NodeList.Of(single));
        }

        var pulled = PullUpCorrelation(plan, left, subquery);
        var joined = new Join(left, pulled.Plan, JoinType.Left, Planning.Rules.Conditions.And(pulled.Conditions) ?? BoundLiteral.True);
        var value = LoosenNullability(pulled.Outputs[0].Transform(e => e is BoundInputRef r ? new BoundInputRef(r.Index, r.Name, joined.Schema[r.Index].Type) : e));
        return (joined, value);
    }

    /// <summary>A global aggregation under projections and filters (<c>HAVING</c>): one row, or none.</summary>
    private static bool AtMostOneRow(LogicalPlan plan) => plan switch
    {
        Filter filter => AtMostOneRow(filter.Input),
        Project project => AtMostOneRow(project.Input),
        _ => IsSingleRow(plan),
    };

    /// <summary>
    /// A correlated scalar subquery of an aggregating query decorrelated as a plan: its outer references (columns of
    /// the <c>FROM</c> row) become the aggregation's output columns they are <c>GROUP BY</c> keys of, and the plan waits
    /// to be pulled up over the aggregation's output (<see cref="JoinAggregatedSubqueries"/>).
    /// </summary>
    private BoundExpression PendCorrelatedAggregatedSubquery(SubqueryExpression subquery, AggregateBinding aggregation, LogicalPlan plan)
    {
        var remapped = RewriteOuterReferences(plan, outer =>
        {
            var position = aggregation.FindKey(new BoundInputRef(outer.Index, outer.Name, outer.Type));
            if (position < 0)
            {
                throw Invalid(subquery.Span,
                    $"The column '{outer.Name}' that the subquery is correlated on must be a GROUP BY column of the outer query");
            }

            return new BoundOuterRef(position, outer.Name, outer.Type);
        });
        if (remapped.Schema.Count != 1)
        {
            throw Invalid(subquery.Span, $"A scalar subquery must return exactly one column, not {remapped.Schema.Count}");
        }

        if (!_aggregatedSubqueries.TryGetValue(aggregation, out var pending))
        {
            pending = [];
            _aggregatedSubqueries[aggregation] = pending;
        }

        var placeholder = NextSubqueryPlaceholder();
        pending.Add(new PendingSubquery(remapped, [], placeholder, subquery, BoundLiteral.True, Correlated: true));
        return new BoundInputRef(placeholder, "$subquery", JoinedValueType(remapped));
    }

    /// <summary>
    /// The type of a correlated scalar subquery's value once <see cref="JoinCorrelatedScalarPlan"/> has joined it, known
    /// before the join exists: a global aggregation (under projections) keeps its type with its <c>COUNT</c>s NOT NULL
    /// (a correlation value without rows counts 0: <c>COALESCE(count, 0)</c>, as Flink plans it) and the other aggregates
    /// nullable; any other plan's value is padded, nullable.
    /// </summary>
    private static Core.Types.DataType JoinedValueType(LogicalPlan plan)
    {
        return IsSingleRow(plan) && Value(plan, 0) is { } value ? value.Type : plan.Schema[0].Type.Nullable();

        static BoundExpression? Value(LogicalPlan plan, int column) => plan switch
        {
            Aggregate aggregate => new BoundInputRef(column, aggregate.Schema[column].Name,
                ReferenceEquals(aggregate.Calls[column].Function, BuiltInFunctions.Count) ? aggregate.Schema[column].Type : aggregate.Schema[column].Type.Nullable()),
            Project project => project.Projections[column].Any(e => e is BoundInputRef r && Value(project.Input, r.Index) is null)
                ? null
                : LoosenNullability(project.Projections[column].Transform(e => e is BoundInputRef r ? Value(project.Input, r.Index)! : e)),
            _ => null,
        };
    }

    /// <summary>The next free placeholder column of a scalar subquery in an aggregating query.</summary>
    private int NextSubqueryPlaceholder() => SubqueryPlaceholder + _aggregatedSubqueries.Values.Sum(p => p.Count);

    /// <summary>Rewrites the outer references of every expression of <paramref name="plan"/> and its inputs.</summary>
    private static LogicalPlan RewriteOuterReferences(LogicalPlan plan, Func<BoundOuterRef, BoundExpression> rewrite)
    {
        var inputs = plan.Inputs.Select(i => RewriteOuterReferences(i, rewrite)).ToList();
        var rewritten = inputs.Count == 0 ? plan : plan.WithInputs(inputs);
        var expressions = rewritten.Expressions;
        return expressions.Count == 0
            ? rewritten
            : rewritten.WithExpressions(expressions.Select(e => e.Transform(n => n is BoundOuterRef o ? rewrite(o) : n)).ToList());
    }
}
