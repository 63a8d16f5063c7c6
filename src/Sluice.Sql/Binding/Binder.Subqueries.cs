using Sluice.Sql.Ast;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Binding;

/// <summary>
/// Subqueries. <c>[NOT] IN</c> and <c>[NOT] EXISTS</c> conditions of <c>WHERE</c> become semi and anti joins (a
/// simple correlated subquery — one <c>SELECT</c> whose <c>WHERE</c> references the outer query — has its
/// correlated conditions moved into the join condition, where the physical planner keys the join by its equalities and
/// evaluates the rest per pair). A scalar subquery becomes a left join with its single value; a correlated one is
/// decorrelated into a subquery grouped by its correlation columns, joined on them (or, correlated by more than
/// equalities, over the outer query's distinct correlation values); other shapes (grouped, nested subqueries, derived
/// tables or aggregate arguments reading the outer row) are decorrelated as plans, as <c>LATERAL</c> subqueries are; in
/// an aggregating query the join is onto the aggregation's output. <c>NOT IN</c> (also of a row) is null-aware: a row is
/// dropped when the comparison is true or unknown for some value.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>The first placeholder column index of a scalar subquery in an aggregating query (far beyond any real row).</summary>
    private const int SubqueryPlaceholder = 1 << 29;

    private readonly Dictionary<AggregateBinding, List<PendingSubquery>> _aggregatedSubqueries = new(ReferenceEqualityComparer.Instance);

    private BoundExpression BindScalarSubquery(SubqueryExpression subquery, ExpressionContext context)
    {
        if (context.Select is null && context.Aggregation is { } aggregation && context.Clause is Clause.Select or Clause.Having or Clause.OrderBy)
        {
            return BindAggregatedScalarSubquery(subquery, aggregation);
        }

        if (context.Select is not { } state)
        {
            throw NotSupported(subquery.Span, context.Aggregation is not null
                ? $"scalar subqueries are not supported in {context.ClauseName} of an aggregating query"
                : $"scalar subqueries are not supported in {context.ClauseName}");
        }

        RegisterScopeInput(context.Scope, state.Input);
        var subqueryPlan = BindScalarSubqueryPlan(subquery, context.Scope, state.Input, out var correlatedPlan);
        if (subqueryPlan is null)
        {
            correlatedPlan = CarryOuterColumns(correlatedPlan, state, context.Scope, subquery);
            var (joinedPlan, joinedValue) = JoinCorrelatedScalarPlan(state.Input, correlatedPlan, subquery);
            state.Input = joinedPlan;
            return joinedValue;
        }

        var width = state.Input.Schema.Count;
        var keys = subqueryPlan.Keys;
        var condition = keys.Count == 0
            ? BoundLiteral.True
            : CorrelationCondition(keys.Select(k => (BoundExpression)new BoundInputRef(k.Index, k.Name, k.Type)).ToList(), subqueryPlan.Plan, width,
                subquery, subqueryPlan.NullSafeKeys);
        state.Input = new Join(state.Input, subqueryPlan.Plan, JoinType.Left, condition);
        var joined = state.Input.Schema;
        return JoinedValue(subqueryPlan.Value, width, joined,
            outer => new BoundInputRef(outer.Index, outer.Name, outer.Type));
    }

    /// <summary>
    /// A scalar subquery in the <c>SELECT</c>, <c>HAVING</c> or <c>ORDER BY</c> of an aggregating query: it is joined
    /// onto the aggregation's output once that is built (<see cref="JoinAggregatedSubqueries"/>), so until then its value
    /// is a placeholder column. A correlated one may only correlate on <c>GROUP BY</c> columns.
    /// </summary>
    private BoundExpression BindAggregatedScalarSubquery(SubqueryExpression subquery, AggregateBinding aggregation)
    {
        RegisterScopeInput(aggregation.FromScope, aggregation.Input);
        var subqueryPlan = BindScalarSubqueryPlan(subquery, aggregation.FromScope, null, out var correlatedPlan);
        if (subqueryPlan is null)
        {
            if (ContainsDeepOuterReferences(correlatedPlan))
            {
                throw NotSupported(subquery.Span,
                    "a scalar subquery in the SELECT, HAVING or ORDER BY of an aggregating query cannot refer to a query two levels out; "
                    + "refer only to the query that directly encloses it here");
            }

            return PendCorrelatedAggregatedSubquery(subquery, aggregation, correlatedPlan);
        }

        if (subqueryPlan.Value.Any(e => e is BoundOuterRef))
        {
            return PendCorrelatedAggregatedSubquery(subquery, aggregation, correlatedPlan);
        }

        var positions = new List<int>();
        foreach (var key in subqueryPlan.Keys)
        {
            var position = aggregation.FindKey(new BoundInputRef(key.Index, key.Name, key.Type));
            if (position < 0)
            {
                throw Invalid(subquery.Span,
                    $"The column '{key.Name}' that the subquery is correlated on must be a GROUP BY column of the outer query");
            }

            positions.Add(position);
        }

        if (!_aggregatedSubqueries.TryGetValue(aggregation, out var pending))
        {
            pending = [];
            _aggregatedSubqueries[aggregation] = pending;
        }

        var placeholder = NextSubqueryPlaceholder();
        pending.Add(new PendingSubquery(subqueryPlan.Plan, positions, placeholder, subquery, subqueryPlan.Value));
        // The value's type once joined: the subquery's columns are padded (nullable), a COUNT is still NOT NULL.
        var joinedType = LoosenNullability(subqueryPlan.Value.Transform(e => e is BoundInputRef r ? new BoundInputRef(r.Index, r.Name, r.Type.Nullable()) : e)).Type;
        return new BoundInputRef(placeholder, "$subquery", joinedType);
    }

    /// <summary>
    /// Left-joins the scalar subqueries of an aggregating query onto its aggregation's output (on their correlation
    /// keys), and gives the rewrite of the expressions bound before: their placeholders become the joined values.
    /// </summary>
    private LogicalPlan JoinAggregatedSubqueries(LogicalPlan aggregate, AggregateBinding aggregation, out Func<BoundExpression, BoundExpression>? remap)
    {
        remap = null;
        if (!_aggregatedSubqueries.Remove(aggregation, out var pending))
        {
            return aggregate;
        }

        var plan = aggregate;
        var values = new Dictionary<int, BoundExpression>();
        foreach (var subquery in pending)
        {
            if (subquery.Correlated)
            {
                // Its outer references are already the aggregation's output columns: pulled up over the plan so far.
                var (joinedPlan, joinedValue) = JoinCorrelatedScalarPlan(plan, subquery.Plan, (SubqueryExpression)subquery.Node);
                plan = joinedPlan;
                values[subquery.Placeholder] = joinedValue;
                continue;
            }

            var width = plan.Schema.Count;
            var keys = subquery.KeyPositions
                .Select(k => (BoundExpression)new BoundInputRef(k, aggregate.Schema[k].Name, aggregate.Schema[k].Type))
                .ToList();
            var condition = keys.Count == 0 ? BoundLiteral.True : CorrelationCondition(keys, subquery.Plan, width, subquery.Node);
            plan = new Join(plan, subquery.Plan, JoinType.Left, condition);
            values[subquery.Placeholder] = JoinedValue(subquery.Value, width, plan.Schema, _ => throw new InvalidOperationException("unreachable"));
        }

        remap = expression => expression.Transform(node => node is BoundInputRef reference && values.TryGetValue(reference.Index, out var value) ? value : node);
        return plan;
    }

    /// <summary>
    /// The plan of a scalar subquery: for an uncorrelated one, its single column (under <c>SINGLE_VALUE</c> unless it
    /// surely returns one row); for a correlated one, the decorrelated aggregation: one row per correlation key, the keys
    /// first (see <see cref="DecorrelateScalarSubquery"/>). <paramref name="outerInput"/> is the outer query's input in a
    /// plain query (null in an aggregating one): a subquery correlated by more than equalities is decorrelated over it.
    /// </summary>
    private ScalarSubqueryPlan? BindScalarSubqueryPlan(SubqueryExpression subquery, Scope outer, LogicalPlan? outerInput, out LogicalPlan bound)
    {
        var plan = BindQuery(subquery.Query, outer);
        bound = plan;
        if (ContainsDeepOuterReferences(plan))
        {
            // It refers to a query two levels out too: decorrelated as a plan, once the outer query carries those columns.
            return null;
        }

        if (ContainsOuterReferences(plan))
        {
            // The shapes the rewrite of the subquery's syntax covers keep their plans; the others are decorrelated as
            // plans (null: see JoinCorrelatedScalarPlan).
            return DecorrelateScalarSubquery(subquery, outer, outerInput);
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

        return new ScalarSubqueryPlan(plan, [], new BoundInputRef(0, plan.Schema[0].Name, plan.Schema[0].Type));
    }

    /// <summary>
    /// Decorrelates <c>(SELECT agg(...) FROM t WHERE t.a = outer.x AND ... [AND local conditions])</c>, as Flink's
    /// planner does: the subquery becomes <c>SELECT t.a, ..., agg(...) FROM t WHERE local conditions GROUP BY t.a, ...</c>,
    /// left-joined on <c>outer.x = t.a AND ...</c>. A plain value instead of an aggregate is grouped as
    /// <c>SINGLE_VALUE(value)</c>, which fails the job when a key has more than one row. Rows whose key is NULL are left
    /// out (<c>t.a IS NOT NULL</c>): no outer value equals NULL. A subquery correlated by other
    /// conditions too is decorrelated over the outer query's distinct correlation values
    /// (<see cref="DecorrelateOverOuterValues"/>). Other shapes are a positioned error.
    /// </summary>
    private ScalarSubqueryPlan? DecorrelateScalarSubquery(SubqueryExpression subquery, Scope outer, LogicalPlan? outerInput)
    {
        if (subquery.Query is not SelectQuery { From: not null, GroupBy.Count: 0, Having: null, Windows.Count: 0, Items.Count: 1 } select
            || select.Quantifier == SetQuantifier.Distinct || select.Items[0].Expression is StarExpression
            || (select.Where is not null && ContainsSubquery(select.Where)) || ContainsSubquery(select.Items[0].Expression))
        {
            return null;
        }

        var (from, scope) = BindFrom(select.From, outer);
        if (ContainsOuterReferences(from))
        {
            return null;
        }

        var context = new ExpressionContext(scope, Clause.Where);
        var local = new List<SqlExpression>();
        var localBound = new List<BoundExpression>();
        var inner = new List<SqlExpression>();
        var innerNullable = new List<bool>();
        var keys = new List<BoundOuterRef>();
        var correlated = new List<BoundExpression>();
        SqlExpression? nonEquality = null;
        foreach (var conjunct in select.Where is null ? [] : SplitConjunction(select.Where))
        {
            var bound = BindCondition(conjunct, context);
            if (!bound.Any(e => e is BoundOuterRef))
            {
                local.Add(conjunct);
                localBound.Add(bound);
                continue;
            }

            correlated.Add(bound);
            if (conjunct is BinaryExpression { Operator: BinaryOperator.Equal } equal)
            {
                var left = BindExpression(equal.Left, context);
                var right = BindExpression(equal.Right, context);
                if (left is BoundOuterRef outerLeft && !right.Any(e => e is BoundOuterRef))
                {
                    inner.Add(equal.Right);
                    innerNullable.Add(right.Type.IsNullable);
                    keys.Add(outerLeft);
                    continue;
                }

                if (right is BoundOuterRef outerRight && !left.Any(e => e is BoundOuterRef))
                {
                    inner.Add(equal.Left);
                    innerNullable.Add(left.Type.IsNullable);
                    keys.Add(outerRight);
                    continue;
                }
            }

            nonEquality ??= conjunct;
        }

        if (correlated.Count == 0)
        {
            return null;
        }

        if (nonEquality is not null)
        {
            if (outerInput is null)
            {
                return null;
            }

            return DecorrelateOverOuterValues(select, subquery, from, scope, localBound, correlated, outerInput);
        }

        // A row whose key is NULL equals no outer value: leaving it out keeps it from a group no outer row joins (where a
        // SINGLE_VALUE of several such rows would fail the job).
        var filters = local.Concat(inner.Where((_, i) => innerNullable[i]).Select(e => (SqlExpression)new IsExpression(e.Span, e, IsTest.Null, true))).ToList();
        var item = select.Items[0];
        var where = filters.Count == 0 ? null : filters.Aggregate((a, b) => new BinaryExpression(a.Span, BinaryOperator.And, a, b));
        var items = inner.Select((e, i) => new SelectItem(e.Span, e, new Identifier(e.Span, "$key" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Append(item);
        var aggregated = ContainsAggregate(item.Expression);
        var rewritten = select with { Items = items.ToNodeList(), Where = where, GroupBy = aggregated ? inner.ToNodeList() : NodeList<SqlExpression>.Empty };
        var plan = BindQuery(rewritten, outer);
        if (!aggregated)
        {
            if (ContainsOuterReferences(plan))
            {
                return null;
            }

            // A plain value: at most one row per key, which SINGLE_VALUE checks at runtime.
            var column = plan.Schema[keys.Count];
            var single = new AggregateCall(BuiltInFunctions.SingleValue, NodeList.Of(keys.Count), false, -1, column.Type.Nullable(), column.Name);
            var grouped = new Aggregate(plan, Enumerable.Range(0, keys.Count).ToNodeList(), null, NodeList.Of(single));
            return new ScalarSubqueryPlan(grouped, keys, new BoundInputRef(keys.Count, grouped.Schema[keys.Count].Name, grouped.Schema[keys.Count].Type));
        }

        // SELECT keys..., value FROM (aggregation): the value is computed after the join, where the outer row is
        // known and a key without rows must still count 0 (Calcite's answer to the "COUNT bug").
        if (plan is Project { Input: Aggregate aggregate } project && aggregate.GroupKeys.Count == keys.Count
            && Enumerable.Range(0, keys.Count).All(i => project.Projections[i] is BoundInputRef r && r.Index == i)
            && !ContainsOuterReferences(aggregate))
        {
            return new ScalarSubqueryPlan(aggregate, keys, WithCountsOfNoRows(project.Projections[keys.Count], aggregate, subquery));
        }

        if (ContainsOuterReferences(plan))
        {
            return null;
        }

        return new ScalarSubqueryPlan(plan, keys, new BoundInputRef(keys.Count, plan.Schema[keys.Count].Name, plan.Schema[keys.Count].Type));
    }

    /// <summary>
    /// The join condition <c>outer1 = key1 AND ...</c> of a decorrelated subquery whose keys start at column
    /// <paramref name="width"/> of the join row; with <paramref name="nullSafe"/>, <c>outer1 IS NOT DISTINCT FROM key1 AND
    /// ...</c> (see <see cref="NullSafeEqual"/>).
    /// </summary>
    private static BoundExpression CorrelationCondition(IReadOnlyList<BoundExpression> outerKeys, LogicalPlan right, int width, SqlExpression node,
        bool nullSafe = false)
    {
        BoundExpression? condition = null;
        for (var i = 0; i < outerKeys.Count; i++)
        {
            var column = right.Schema[i];
            var key = new BoundInputRef(width + i, column.Name, column.Type);
            var equal = nullSafe && (outerKeys[i].Type.IsNullable || key.Type.IsNullable)
                ? NullSafeEqual(outerKeys[i], key, node.Span)
                : Compare(BuiltInFunctions.EqualTo, outerKeys[i], key, node.Span);
            condition = condition is null ? equal : ResolveCall(BuiltInFunctions.And, [condition, equal], node.Span);
        }

        return condition!;
    }

    /// <summary>
    /// <c>a IS NOT DISTINCT FROM b</c> as equalities a join can be keyed by: <c>COALESCE(a, v) = COALESCE(b, v) AND
    /// (a IS NULL) = (b IS NULL)</c> with a constant v of their type (a number, string or boolean type); for other types the
    /// <c>IS NOT DISTINCT FROM</c> itself (a join without keys).
    /// </summary>
    private static BoundExpression NullSafeEqual(BoundExpression a, BoundExpression b, SourceSpan span)
    {
        var common = TypeRules.ComparisonType(a.Type, b.Type);
        BoundLiteral? surrogate = common?.TypeId switch
        {
            Core.Types.TypeId.TinyInt or Core.Types.TypeId.SmallInt or Core.Types.TypeId.Int or Core.Types.TypeId.BigInt
                or Core.Types.TypeId.Float or Core.Types.TypeId.Double or Core.Types.TypeId.Decimal
                => new BoundLiteral(0, Core.Types.DataTypes.Int().NotNull()),
            Core.Types.TypeId.Char or Core.Types.TypeId.VarChar => new BoundLiteral("", Core.Types.DataTypes.VarChar(1).NotNull()),
            Core.Types.TypeId.Boolean => new BoundLiteral(false, Core.Types.DataTypes.Boolean().NotNull()),
            _ => null,
        };
        if (surrogate is null)
        {
            return ResolveCall(BuiltInFunctions.IsNotDistinctFrom, [a, b], span);
        }

        var value = Coerce(surrogate, common!.NotNull());
        var values = Compare(BuiltInFunctions.EqualTo,
            ResolveCall(BuiltInFunctions.Coalesce, [a, value], span), ResolveCall(BuiltInFunctions.Coalesce, [b, value], span), span);
        var nulls = Compare(BuiltInFunctions.EqualTo, ResolveCall(BuiltInFunctions.IsNull, [a], span), ResolveCall(BuiltInFunctions.IsNull, [b], span), span);
        return ResolveCall(BuiltInFunctions.And, [values, nulls], span);
    }

    /// <summary><c>COUNT</c> over no rows is 0: a key the subquery has no rows for joins NULL, which becomes 0.</summary>
    private static BoundExpression CountOfNoRows(BoundExpression value, SqlExpression node) =>
        ResolveCall(BuiltInFunctions.Coalesce, [value, new BoundLiteral(0L, Core.Types.DataTypes.BigInt().NotNull())], node.Span);

    /// <summary>
    /// <c>ORDER BY</c> a scalar subquery: the subquery is joined onto the rows, which makes the result updating, and a
    /// streaming <c>ORDER BY</c> (with or without <c>LIMIT</c>) sorts only an insert-only input. Fails at the subquery,
    /// rather than later without a position.
    /// </summary>
    private static void CheckOrderedBySubquery(OrderedQuery? ordering)
    {
        if (ordering is null)
        {
            return;
        }

        foreach (var item in ordering.OrderBy)
        {
            if (FirstSubquery(item.Expression) is { } subquery)
            {
                throw NotSupported(subquery.Span,
                    "ORDER BY a scalar subquery: the subquery is joined onto the rows, which makes the result updating, and a streaming ORDER BY "
                    + "(with or without LIMIT) only sorts an insert-only input; select the subquery's value and order the result outside the query");
            }
        }
    }

    /// <summary>True when the expression holds a subquery (scalar, <c>EXISTS</c> or <c>IN</c>).</summary>
    private static bool ContainsSubquery(SqlExpression expression) =>
        expression is SubqueryExpression or ExistsExpression or InSubqueryExpression || SyntaxWalker.Children(expression).Any(ContainsSubquery);

    private static SqlExpression? FirstSubquery(SqlExpression expression)
    {
        if (expression is SubqueryExpression)
        {
            return expression;
        }

        foreach (var child in SyntaxWalker.Children(expression))
        {
            if (FirstSubquery(child) is { } found)
            {
                return found;
            }
        }

        return null;
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

    /// <summary>
    /// The conjuncts of a <c>WHERE</c> condition, as a filter reads them: a conjunct holding a subquery is rewritten so that
    /// its <c>EXISTS</c> and <c>IN</c> become conjuncts where they can (as Flink's subquery rule and Calcite's simplification
    /// do): <c>x IS TRUE</c> and <c>x = TRUE</c> are <c>x</c>, <c>NOT NOT x</c> is <c>x</c>, and <c>NOT (x OR y)</c> is
    /// <c>NOT x AND NOT y</c> (false exactly when either is not false, in three-valued logic too).
    /// </summary>
    private static IEnumerable<SqlExpression> FilterConjuncts(SqlExpression where)
    {
        foreach (var conjunct in SplitConjunction(where))
        {
            var normalized = ContainsSubquery(conjunct) ? AsFilterCondition(conjunct) : conjunct;
            if (ReferenceEquals(normalized, conjunct))
            {
                yield return conjunct;
                continue;
            }

            foreach (var part in FilterConjuncts(normalized))
            {
                yield return part;
            }
        }
    }

    /// <summary>One step of <see cref="FilterConjuncts"/>'s rewrite; the expression itself when none applies.</summary>
    private static SqlExpression AsFilterCondition(SqlExpression expression) => expression switch
    {
        IsExpression { Test: IsTest.True, IsNegated: false } isTrue => isTrue.Operand,
        BinaryExpression { Operator: BinaryOperator.Equal, Right: BooleanLiteral { Value: true } } equal => equal.Left,
        BinaryExpression { Operator: BinaryOperator.Equal, Left: BooleanLiteral { Value: true } } equal => equal.Right,
        UnaryExpression { Operator: UnaryOperator.Not, Operand: UnaryExpression { Operator: UnaryOperator.Not } inner } => inner.Operand,
        UnaryExpression { Operator: UnaryOperator.Not, Operand: BinaryExpression { Operator: BinaryOperator.Or } or } not =>
            new BinaryExpression(not.Span, BinaryOperator.And, new UnaryExpression(or.Left.Span, UnaryOperator.Not, or.Left),
                new UnaryExpression(or.Right.Span, UnaryOperator.Not, or.Right)),
        UnaryExpression { Operator: UnaryOperator.Not, Operand: IsExpression { Test: IsTest.True, IsNegated: false } isTrue } not
            when isTrue.Operand is ExistsExpression => new UnaryExpression(not.Span, UnaryOperator.Not, isTrue.Operand),
        _ => expression,
    };

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
        // The tested values first: a scalar subquery among them is joined onto the rows (as in WHERE).
        var context = new ExpressionContext(state.Scope, Clause.Where) { Select = state };
        List<BoundExpression> tested = operand switch
        {
            null => [],
            RowConstructor { IsExplicit: false } row => row.Fields.Select(f => BindExpression(f, context)).ToList(),
            _ => [BindExpression(operand, context)],
        };
        RegisterScopeInput(state.Scope, state.Input);
        var left = state.Input;
        var leftWidth = left.Schema.Count;

        var simple = IsSimpleCorrelatable(query, tested.Count) && query is SelectQuery { Where: var where } && (where is null || !ContainsSubquery(where))
            ? BindCorrelatableSubquery((SelectQuery)query, state.Scope, tested.Count, leftWidth, node)
            : null;
        if (simple is { } bound)
        {
            FinishSemiJoin(state, left, bound.Right, tested, bound.Correlated, null, anti, node);
            return;
        }

        // Other shapes (nested subqueries, grouping, references two levels out) are decorrelated as plans: the
        // correlation pulled up to the join (see PullUpCorrelation), the outer columns read two levels in carried.
        ApplySemiJoinOverPlan(state, CarryOuterColumns(BindQuery(query, state.Scope), state, state.Scope, node), tested, anti, node);
    }

    /// <summary>
    /// Applies a semi or anti join of the rows of <paramref name="state"/> with a bound subquery (its outer references
    /// indexing those rows): its correlation is pulled up into the join condition (see <see cref="PullUpCorrelation"/>).
    /// </summary>
    private void ApplySemiJoinOverPlan(SelectState state, LogicalPlan right, List<BoundExpression> tested, bool anti, SqlExpression node)
    {
        var left = state.Input;
        if (tested.Count > 0 && right.Schema.Count != tested.Count)
        {
            throw Invalid(node.Span, $"The subquery of IN must return {tested.Count} column{(tested.Count == 1 ? "" : "s")}, not {right.Schema.Count}");
        }

        if (ContainsOuterReferences(right) && AtMostOneRow(right) && TryApplyOneRowPerOuterRow(state, left, right, tested, anti, node))
        {
            return;
        }

        if (!ContainsOuterReferences(right))
        {
            FinishSemiJoin(state, left, right, tested, [], null, anti, node);
            return;
        }

        var pulled = PullUpCorrelation(right, left, node);
        if (pulled.OneRowPerOuterRow)
        {
            throw NotSupported(node.Span,
                $"a correlated {SubqueryKind(node)} subquery that aggregates without GROUP BY has one row for every outer row; compare its value in a scalar subquery instead");
        }

        FinishSemiJoin(state, left, pulled.Plan, tested, [.. pulled.Conditions], pulled.Outputs, anti, node);
    }

    /// <summary>
    /// The semi or anti join itself: <paramref name="tested"/> values equal the subquery's columns (or
    /// <paramref name="values"/>, its outputs over the join row), and the <paramref name="correlated"/> conditions hold;
    /// <c>NOT IN</c> drops a row when the comparison is true or unknown for some row.
    /// </summary>
    private static void FinishSemiJoin(SelectState state, LogicalPlan left, LogicalPlan right, List<BoundExpression> tested, List<BoundExpression> correlated,
        IReadOnlyList<BoundExpression>? values, bool anti, SqlExpression node)
    {
        var leftWidth = left.Schema.Count;
        BoundExpression? condition = null;
        if (tested.Count > 0)
        {
            BoundExpression? match = null;
            for (var i = 0; i < tested.Count; i++)
            {
                var column = right.Schema[i];
                var equal = Compare(BuiltInFunctions.EqualTo, tested[i], values?[i] ?? new BoundInputRef(leftWidth + i, column.Name, column.Type), node.Span);
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

    /// <summary>A <c>[NOT] EXISTS</c> or <c>[NOT] IN</c> conjunct of <c>HAVING</c>, bound, waiting for the aggregation's output.</summary>
    private sealed record HavingSubquery(LogicalPlan Plan, List<BoundExpression> Tested, bool Anti, SqlExpression Node);

    /// <summary>
    /// <c>HAVING</c>: its <c>[NOT] EXISTS</c> and <c>[NOT] IN (subquery)</c> conjuncts (<paramref name="subqueries"/>)
    /// become semi and anti joins over the aggregation's output (<see cref="ApplyHavingSubqueries"/>), a correlated one
    /// correlated on <c>GROUP BY</c> columns; the other conjuncts are the returned condition.
    /// </summary>
    private BoundExpression? BindHaving(SqlExpression having, ExpressionContext context, AggregateBinding aggregation, out List<HavingSubquery> subqueries)
    {
        subqueries = [];
        BoundExpression? condition = null;
        foreach (var conjunct in FilterConjuncts(having))
        {
            var negated = false;
            var expression = conjunct;
            while (expression is UnaryExpression { Operator: UnaryOperator.Not } not)
            {
                negated = !negated;
                expression = not.Operand;
            }

            if (expression is ExistsExpression or InSubqueryExpression)
            {
                var (query, operand, isNegated) = expression is InSubqueryExpression @in
                    ? (@in.Query, @in.Operand, @in.IsNegated)
                    : (((ExistsExpression)expression).Query, (SqlExpression?)null, false);
                List<BoundExpression> tested = operand switch
                {
                    null => [],
                    RowConstructor { IsExplicit: false } row => row.Fields.Select(f => BindExpression(f, context)).ToList(),
                    _ => [BindExpression(operand, context)],
                };
                RegisterScopeInput(aggregation.FromScope, aggregation.Input);
                var plan = BindQuery(query, aggregation.FromScope);
                if (ContainsDeepOuterReferences(plan))
                {
                    throw NotSupported(expression.Span,
                        "a subquery in the HAVING of an aggregating query cannot refer to a query two levels out; refer only to the query that directly encloses it here");
                }

                plan = RewriteOuterReferences(plan, outer =>
                {
                    var position = aggregation.FindKey(new BoundInputRef(outer.Index, outer.Name, outer.Type));
                    return position >= 0
                        ? new BoundOuterRef(position, outer.Name, outer.Type)
                        : throw Invalid(expression.Span, $"The column '{outer.Name}' that the subquery is correlated on must be a GROUP BY column of the outer query");
                });
                subqueries.Add(new HavingSubquery(plan, tested, negated != isNegated, expression));
                continue;
            }

            var bound = BindCondition(conjunct, context);
            condition = condition is null ? bound : ResolveCall(BuiltInFunctions.And, [condition, bound], conjunct.Span);
        }

        return condition;
    }

    /// <summary>The semi and anti joins of <c>HAVING</c>'s subqueries over <paramref name="input"/>, the aggregation's output.</summary>
    private LogicalPlan ApplyHavingSubqueries(LogicalPlan input, List<HavingSubquery>? subqueries, Func<BoundExpression, BoundExpression>? remap)
    {
        foreach (var subquery in subqueries ?? [])
        {
            var state = new SelectState(input, new Scope([]));
            var tested = remap is null ? subquery.Tested : subquery.Tested.Select(remap).ToList();
            ApplySemiJoinOverPlan(state, subquery.Plan, tested, subquery.Anti, subquery.Node);
            input = state.Input;
        }

        return input;
    }

    /// <summary>
    /// <c>[NOT] EXISTS</c> and <c>[NOT] IN</c> over a correlated aggregation without <c>GROUP BY</c>, which has one row for
    /// every outer row (<c>COUNT</c> 0 over none), or none when a <c>HAVING</c> does not hold: decorrelated as a scalar
    /// subquery is (left-joined on its correlation), its <c>HAVING</c> becomes a flag column, and the outer row is kept
    /// by the flag (<c>EXISTS</c>: always, without <c>HAVING</c>) and the comparison with the joined values (<c>IN</c>:
    /// <c>x = value</c>; <c>NOT IN</c>: not <c>HAVING</c>, or <c>x = value</c> false). False when the correlation is not
    /// in the aggregation's input (the plan is then a correlated filter over one row, a plain semi join).
    /// </summary>
    private bool TryApplyOneRowPerOuterRow(SelectState state, LogicalPlan left, LogicalPlan right, List<BoundExpression> tested, bool anti, SqlExpression node)
    {
        var (flagged, hasFlag) = WithHavingFlag(right);
        var pulled = PullUpCorrelation(flagged, left, node);
        if (!pulled.OneRowPerOuterRow)
        {
            return false;
        }

        var joined = new Join(left, pulled.Plan, JoinType.Left, Planning.Rules.Conditions.And(pulled.Conditions) ?? BoundLiteral.True);
        var outputs = pulled.Outputs
            .Select(o => LoosenNullability(o.Transform(e => e is BoundInputRef r ? new BoundInputRef(r.Index, r.Name, joined.Schema[r.Index].Type) : e)))
            .ToList();
        BoundExpression? present = hasFlag ? ResolveCall(BuiltInFunctions.IsTrue, [outputs[^1]], node.Span) : null;
        BoundExpression? keep;
        if (tested.Count == 0)
        {
            // EXISTS: the one row is there unless HAVING drops it.
            keep = anti ? present is null ? BoundLiteral.False : ResolveCall(BuiltInFunctions.Not, [present], node.Span) : present;
        }
        else
        {
            BoundExpression? match = null;
            for (var i = 0; i < tested.Count; i++)
            {
                var equal = Compare(BuiltInFunctions.EqualTo, tested[i], outputs[i], node.Span);
                match = match is null ? equal : ResolveCall(BuiltInFunctions.And, [match, equal], node.Span);
            }

            keep = anti
                ? ResolveCall(BuiltInFunctions.IsFalse, [match!], node.Span)
                : match;
            if (present is not null)
            {
                keep = anti
                    ? ResolveCall(BuiltInFunctions.Or, [ResolveCall(BuiltInFunctions.Not, [present], node.Span), keep!], node.Span)
                    : ResolveCall(BuiltInFunctions.And, [present, keep!], node.Span);
            }
        }

        if (keep is null)
        {
            // EXISTS over one row for every outer row: always true.
            state.Input = left;
            return true;
        }

        state.Input = ReferenceEquals(keep, BoundLiteral.False) ? new Filter(left, keep) : new Filter(joined, keep);
        return true;
    }

    /// <summary>
    /// A plan of at most one row (a global aggregation under <c>HAVING</c> filters and projections) without its filters: their
    /// condition is an extra last column, a flag (true when none is left out); unchanged, and false, without filters.
    /// </summary>
    private static (LogicalPlan Plan, bool HasFlag) WithHavingFlag(LogicalPlan plan)
    {
        switch (plan)
        {
            case Filter filter:
            {
                var (input, inputFlag) = WithHavingFlag(filter.Input);
                var width = filter.Input.Schema.Count;
                var flag = inputFlag
                    ? ResolveCall(BuiltInFunctions.And, [new BoundInputRef(width, "$having", input.Schema[width].Type), filter.Condition], SourceSpan.None)
                    : filter.Condition;
                return (new Project(input, filter.Input.Schema.Select((c, i) => (BoundExpression)new BoundInputRef(i, c.Name, input.Schema[i].Type)).Append(flag),
                    PlanSchema.Uniquify([.. filter.Input.Schema.Names, "$having"])), true);
            }

            case Project project:
            {
                var (input, inputFlag) = WithHavingFlag(project.Input);
                if (!inputFlag)
                {
                    return (plan, false);
                }

                var width = project.Input.Schema.Count;
                return (new Project(input, project.Projections.Append(new BoundInputRef(width, "$having", input.Schema[width].Type)),
                    PlanSchema.Uniquify([.. project.Schema.Names, "$having"])), true);
            }

            default:
                return (plan, false);
        }
    }

    /// <summary>
    /// Binds <c>SELECT items FROM ... WHERE ...</c> for a semi join: conjuncts that reference the outer query are
    /// returned (over the join row) instead of filtering; for <c>IN</c> the items come first in the right row.
    /// </summary>
    private (LogicalPlan Right, List<BoundExpression> Correlated)? BindCorrelatableSubquery(SelectQuery select, Scope outer, int tested,
        int leftWidth, SqlExpression node)
    {
        var (plan, scope) = BindFrom(select.From!, outer);
        if (ContainsOuterReferences(plan))
        {
            // A derived table correlated with the outer query: decorrelated as a plan.
            return null;
        }

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

        if (correlated.Any(c => c.Any(e => e is BoundOuterRef { Depth: > 1 })))
        {
            // A reference two levels out: decorrelated as a plan, the outer query carrying the columns it reads.
            return null;
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
