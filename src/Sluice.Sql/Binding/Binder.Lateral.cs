using Sluice.Sql.Ast;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;
using Sluice.Sql.Planning.Rules;

namespace Sluice.Sql.Binding;

/// <summary>
/// <c>LATERAL (subquery)</c> in <c>FROM</c>: a subquery that may reference the columns of the <c>FROM</c> items before
/// it, joined with them as a comma, <c>CROSS JOIN</c>, <c>[INNER] JOIN ... ON</c> or <c>LEFT JOIN ... ON</c>. It is
/// decorrelated into a regular join as Calcite's decorrelator does for Flink: the correlated conditions of its filters
/// are pulled up into the join condition (keyed by its equalities), projections that read the outer row are computed
/// after the join, and an aggregation over correlated rows is grouped by the correlation as well: by the inner sides of
/// correlated equalities, or, correlated by other conditions, by the distinct outer values the correlation reads
/// (joined with the subquery's rows on the correlation and joined back with <c>IS NOT DISTINCT FROM</c>). An
/// aggregation without <c>GROUP BY</c> returns one row for every outer row (<c>COUNT</c> 0 over no rows): it is
/// left-joined.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>
    /// A correlated plan with its correlation pulled up: <see cref="Plan"/> has no outer references; the conditions and
    /// the outputs (one per column of the original plan) are expressions over the left row (the outer query's columns,
    /// <c>leftWidth</c> of them) followed by <see cref="Plan"/>'s row.
    /// </summary>
    private sealed record PulledUp(LogicalPlan Plan, IReadOnlyList<BoundExpression> Conditions, IReadOnlyList<BoundExpression> Outputs, bool OneRowPerOuterRow);

    private (LogicalPlan Plan, IReadOnlyList<ScopeTable> Tables) BindLateralJoin(JoinReference join, LogicalPlan left,
        IReadOnlyList<ScopeTable> leftTables, DerivedTableReference lateral)
    {
        if (join.IsNatural || join.Using.Count > 0)
        {
            throw NotSupported(join.Span, "a join with a LATERAL subquery needs ON (or a comma, CROSS JOIN); NATURAL and USING are not supported");
        }

        var outerJoin = join.Kind switch
        {
            JoinKind.Comma or JoinKind.Cross or JoinKind.Inner => false,
            JoinKind.Left => true,
            _ => throw Invalid(join.Span,
                $"A LATERAL subquery can be joined with a comma, CROSS JOIN, [INNER] JOIN or LEFT JOIN, not a {join.Kind.ToString().ToUpperInvariant()} JOIN: its rows depend on the row of the left side"),
        };

        var leftWidth = left.Schema.Count;
        var lateralScope = new Scope(leftTables);
        RegisterScopeInput(lateralScope, left);
        var subquery = BindQuery(lateral.Query, lateralScope);
        var (named, _) = Aliased(subquery, lateral.Alias, null);
        var pulled = PullUpCorrelation(named, left, lateral);
        var onCondition = join.Condition is null or BooleanLiteral { Value: true } ? null : join.Condition;
        if (pulled.OneRowPerOuterRow && outerJoin && onCondition is not null)
        {
            throw NotSupported(onCondition.Span,
                "LEFT JOIN LATERAL with an aggregating subquery (one row for every left row) accepts only ON TRUE; write the condition in the subquery's HAVING or in WHERE");
        }

        // The lateral table's columns, as the outputs' types over the join row (bound before the join exists).
        var alias = lateral.Alias?.Name.Value;
        var lateralColumns = named.Schema.Select((c, i) => c with { Type = pulled.Outputs[i].Type }).ToArray();
        var onTables = (IReadOnlyList<ScopeTable>)[.. leftTables, new ScopeTable(alias, leftWidth, lateralColumns)];
        CheckDistinctNames(leftTables, [onTables[^1]], join.Right);
        BoundExpression? on = onCondition is null
            ? null
            : BindCondition(onCondition, new ExpressionContext(new Scope(onTables), Clause.JoinCondition));

        var right = pulled.Plan;
        var outputs = pulled.Outputs;
        if (outerJoin && !pulled.OneRowPerOuterRow && outputs.Any(o => o is not BoundInputRef r || r.Index < leftWidth))
        {
            // A padded row has NULL in every lateral column, also in those computed from the outer row or constants:
            // a TRUE column on the right tells matched rows from padded ones.
            var indicator = leftWidth + right.Schema.Count;
            right = new Project(right,
                right.Schema.Select((c, i) => (BoundExpression)new BoundInputRef(i, c.Name, c.Type)).Append(BoundLiteral.True),
                PlanSchema.Uniquify([.. right.Schema.Names, "$matched"]));
            var matched = new BoundInputRef(indicator, "$matched", BoundLiteral.True.Type);
            outputs = outputs.Select(o => o is BoundInputRef r && r.Index >= leftWidth
                ? o
                : new BoundCase(NodeList.Of<BoundExpression>(ResolveCall(BuiltInFunctions.IsNull, [matched], lateral.Span)),
                    NodeList.Of<BoundExpression>(BoundLiteral.Null(o.Type)), o, o.Type.Nullable())).ToList();
        }

        var conjuncts = pulled.Conditions.ToList();
        var joinType = outerJoin || pulled.OneRowPerOuterRow ? JoinType.Left : JoinType.Inner;
        var filterAfter = on is not null && pulled.OneRowPerOuterRow;
        if (on is not null && !filterAfter)
        {
            conjuncts.Add(on.Transform(e => e is BoundInputRef r && r.Index >= leftWidth ? pulled.Outputs[r.Index - leftWidth] : e));
        }

        var joined = new Join(left, right, joinType, Conditions.And(conjuncts) ?? BoundLiteral.True);
        var retyped = outputs.Select(o => LoosenNullability(o.Transform(e => e is BoundInputRef r ? new BoundInputRef(r.Index, r.Name, joined.Schema[r.Index].Type) : e)));
        LogicalPlan plan = new Project(joined,
            left.Schema.Select((c, i) => (BoundExpression)new BoundInputRef(i, c.Name, joined.Schema[i].Type)).Concat(retyped),
            PlanSchema.Uniquify([.. left.Schema.Names, .. named.Schema.Names]));
        if (filterAfter)
        {
            plan = new Filter(plan, on!);
        }

        var tables = (IReadOnlyList<ScopeTable>)[.. leftTables, new ScopeTable(alias, leftWidth, named.Schema.ToArray())];
        return (plan, Refit(tables, plan));
    }

    /// <summary>
    /// Pulls the correlation of <paramref name="plan"/> (bound with the left side as its outer scope) up to its root:
    /// through filters (correlated conjuncts become join conditions), projections (computed after the join) and an
    /// aggregation (grouped by the correlation too). Other correlated shapes are a positioned error.
    /// </summary>
    private PulledUp PullUpCorrelation(LogicalPlan plan, LogicalPlan left, SqlNode lateral)
    {
        var leftWidth = left.Schema.Count;
        if (!ContainsOuterReferences(plan))
        {
            return new PulledUp(plan, [], Identity(plan, leftWidth), false);
        }

        switch (plan)
        {
            case Filter filter:
            {
                var input = PullUpCorrelation(filter.Input, left, lateral);
                if (input.OneRowPerOuterRow && lateral is SubqueryExpression)
                {
                    // HAVING over an aggregation without GROUP BY in a scalar subquery: no row, NULL, when the condition
                    // does not hold over the aggregates' values for the outer row (COUNTs of no rows already 0).
                    var having = OverJoinRow(filter.Condition, input.Outputs);
                    return input with
                    {
                        Outputs = input.Outputs.Select(o => (BoundExpression)new BoundCase(NodeList.Of<BoundExpression>(having), NodeList.Of<BoundExpression>(o),
                            BoundLiteral.Null(o.Type.Nullable()), o.Type.Nullable())).ToList(),
                    };
                }

                if (input.OneRowPerOuterRow)
                {
                    throw NotSupported(lateral.Span, lateral is DerivedTableReference
                        ? "a LATERAL subquery correlated by its WHERE clause cannot have a HAVING clause without GROUP BY (it would drop left rows); filter in the outer query"
                        : $"a correlated {SubqueryKind(lateral)} subquery cannot have a HAVING clause without GROUP BY; compare the aggregate in a scalar subquery instead");
                }

                var condition = OverJoinRow(filter.Condition, input.Outputs);
                var local = new List<BoundExpression>();
                var correlated = input.Conditions.ToList();
                foreach (var conjunct in Conditions.Conjuncts(condition))
                {
                    if (conjunct.InputIndexes().All(i => i >= leftWidth))
                    {
                        local.Add(conjunct.Transform(e => e is BoundInputRef r ? r with { Index = r.Index - leftWidth } : e));
                    }
                    else
                    {
                        correlated.Add(conjunct);
                    }
                }

                var filtered = local.Count == 0 ? input.Plan : new Filter(input.Plan, Conditions.And(local)!);
                return new PulledUp(filtered, correlated, input.Outputs, false);
            }

            case Project project:
            {
                var input = PullUpCorrelation(project.Input, left, lateral);
                return new PulledUp(input.Plan, input.Conditions, project.Projections.Select(e => OverJoinRow(e, input.Outputs)).ToList(),
                    input.OneRowPerOuterRow);
            }

            case Aggregate { GroupingSets: null } aggregate when !aggregate.IsWindowAggregate:
                return PullUpThroughAggregate(aggregate, left, lateral);
            case Join join:
                return PullUpThroughJoin(join, left, lateral);
            case Limit { Fetch: not null, Input: Sort sort } limit:
                return PullUpThroughTopN(sort, sort.Input, limit, left, lateral);
            case Limit { Fetch: not null, Input: Project { Input: Sort sort } project } limit:
            {
                var ranked = PullUpThroughTopN(sort, sort.Input, limit, left, lateral);
                return ranked with { Outputs = project.Projections.Select(e => OverJoinRow(e, ranked.Outputs)).ToList() };
            }

            case Limit { Fetch: not null } limit:
                // LIMIT without ORDER BY: the first rows of each correlation key in arrival order (Flink's
                // CorrelateSortToRankRule with an empty collation: a Top-N without sort key).
                return PullUpThroughTopN(null, limit.Input, limit, left, lateral);
            case Limit { Fetch: null }:
                throw NotSupported(lateral.Span,
                    $"OFFSET without LIMIT in a correlated {SubqueryKind(lateral)} subquery is not supported: as in Flink "
                    + "(whose CorrelateSortToRankRule needs a fetch), only ORDER BY ... LIMIT n [OFFSET m] becomes a Top-N per correlation key");

            default:
                throw NotSupported(lateral.Span,
                    $"a correlated {SubqueryKind(lateral)} subquery must be SELECT ... FROM ... [WHERE ...] [GROUP BY ...] [HAVING ...], correlated in its WHERE clause "
                    + $"(the {plan.NodeName} here reads the {(lateral is DerivedTableReference ? "left side" : "outer query")})");
        }
    }

    /// <summary>
    /// An aggregation over correlated rows: grouped by the inner sides of the correlated equalities as well (joined on
    /// them), or, with other correlated conditions, by the distinct outer values the correlation reads. Without
    /// <c>GROUP BY</c> it has one row for every outer row: left-joined, <c>COUNT</c>s of no rows read 0.
    /// </summary>
    private PulledUp PullUpThroughAggregate(Aggregate aggregate, LogicalPlan left, SqlNode lateral)
    {
        var leftWidth = left.Schema.Count;
        var input = PullUpCorrelation(aggregate.Input, left, lateral);
        if (input.OneRowPerOuterRow)
        {
            throw NotSupported(lateral.Span,
                $"an aggregation over a correlated aggregation in a {SubqueryKind(lateral)} subquery is not supported");
        }

        // The columns the aggregation reads (its arguments and keys): when they read the outer row, as in Calcite, the
        // aggregation runs over the outer values they read (the domain below), one group per value.
        var read = aggregate.GroupKeys.Concat(aggregate.Calls.SelectMany(c => c.Arguments)).Concat(aggregate.Calls.Where(c => c.FilterArgument >= 0).Select(c => c.FilterArgument)).ToList();
        var outerRead = read.SelectMany(i => input.Outputs[i].InputIndexes()).Where(x => x < leftWidth).Distinct().ToList();
        var inner = input.Plan;
        var innerWidth = inner.Schema.Count;
        var values = input.Outputs.Select(o => o.InputIndexes().All(i => i >= leftWidth)
            ? o.Transform(e => e is BoundInputRef r ? r with { Index = r.Index - leftWidth } : e)
            : BoundLiteral.Null(o.Type)).ToList();
        var names = aggregate.Input.Schema.Names.ToList();

        // Each correlated condition an equality of an outer expression and an inner one: group by the inner ones.
        var equalities = input.Conditions.Select(c => SplitCorrelatedEquality(c, leftWidth)).ToList();
        var keyExpressions = new List<BoundExpression>();
        var outerKeys = new List<BoundExpression>();
        var conditions = new List<BoundExpression>();
        LogicalPlan source = inner;
        var nullSafe = false;
        if (equalities.All(e => e is not null) && outerRead.Count == 0)
        {
            keyExpressions.AddRange(equalities.Select(e => e!.Value.Inner.Transform(x => x is BoundInputRef r ? r with { Index = r.Index - leftWidth } : x)));
            outerKeys.AddRange(equalities.Select(e => e!.Value.Outer));
            if (aggregate.Calls.Any(c => ReferenceEquals(c.Function, BuiltInFunctions.SingleValue)) && keyExpressions.Any(k => k.Type.IsNullable))
            {
                // No outer value equals a NULL key: leaving such rows out keeps them from a group no outer row joins, where
                // SINGLE_VALUE of several of them would fail the job (Calcite filters them too).
                source = new Filter(inner, Conditions.And(keyExpressions.Where(k => k.Type.IsNullable)
                    .Select(k => ResolveCall(BuiltInFunctions.IsNotNull, [k], lateral.Span)).ToList())!);
            }
        }
        else
        {
            // The domain: the distinct values of the outer columns the correlation (and the aggregation) reads, joined with
            // the rows on the correlation (without any, every value with every row, at parallelism 1).
            var outerColumns = input.Conditions.SelectMany(c => c.InputIndexes()).Where(i => i < leftWidth).Concat(outerRead).Distinct().Order().ToList();
            values = input.Outputs.Select(o => o.Transform(e => e is BoundInputRef r
                ? r.Index < leftWidth
                    ? outerColumns.Contains(r.Index) ? r with { Index = innerWidth + outerColumns.IndexOf(r.Index) } : BoundLiteral.Null(r.Type)
                    : r with { Index = r.Index - leftWidth }
                : e)).ToList();
            var projected = new Project(WithoutCorrelatedFilters(left), outerColumns.Select(c => (BoundExpression)new BoundInputRef(c, left.Schema[c].Name, left.Schema[c].Type)),
                outerColumns.Select((_, i) => "$cor" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var domain = new Aggregate(projected, Enumerable.Range(0, outerColumns.Count).ToNodeList(), null, NodeList<AggregateCall>.Empty);
            var condition = (Conditions.And(input.Conditions) ?? BoundLiteral.True).Transform(e => e is BoundInputRef r
                ? r.Index < leftWidth ? r with { Index = innerWidth + outerColumns.IndexOf(r.Index) } : r with { Index = r.Index - leftWidth }
                : e);
            source = new Join(inner, domain, JoinType.Inner, condition);
            keyExpressions.AddRange(outerColumns.Select((c, i) => (BoundExpression)new BoundInputRef(innerWidth + i, source.Schema[innerWidth + i].Name, source.Schema[innerWidth + i].Type)));
            outerKeys.AddRange(outerColumns.Select(c => (BoundExpression)new BoundInputRef(c, left.Schema[c].Name, left.Schema[c].Type)));
            nullSafe = true;
        }

        // The aggregation's input: its own columns, then the correlation keys; grouped by its keys and the correlation keys.
        var width = values.Count;
        var aggregateInput = new Project(source, values.Concat(keyExpressions),
            PlanSchema.Uniquify(names.Concat(keyExpressions.Select((_, i) => "$key" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        var groupKeys = aggregate.GroupKeys.Concat(Enumerable.Range(width, keyExpressions.Count)).ToNodeList();
        var grouped = new Aggregate(aggregateInput, groupKeys, null, aggregate.Calls);

        var ownKeys = aggregate.GroupKeys.Count;
        for (var k = 0; k < keyExpressions.Count; k++)
        {
            var column = grouped.Schema[ownKeys + k];
            var key = new BoundInputRef(leftWidth + ownKeys + k, column.Name, column.Type);
            var outer = outerKeys[k];
            conditions.Add(nullSafe
                ? NullSafeEqual(outer, key, lateral.Span)
                : Compare(BuiltInFunctions.EqualTo, outer, key, lateral.Span));
        }

        var oneRow = aggregate.GroupKeys.Count == 0;
        var outputs = new List<BoundExpression>();
        for (var i = 0; i < aggregate.Schema.Count; i++)
        {
            var position = i < ownKeys ? i : i + keyExpressions.Count;
            var column = grouped.Schema[position];
            BoundExpression output = new BoundInputRef(leftWidth + position, column.Name, column.Type);
            if (oneRow && ReferenceEquals(aggregate.Calls[i].Function, BuiltInFunctions.Count))
            {
                output = ResolveCall(BuiltInFunctions.Coalesce, [output, new BoundLiteral(0L, Core.Types.DataTypes.BigInt().NotNull())], lateral.Span);
            }

            outputs.Add(output);
        }

        return new PulledUp(grouped, conditions, outputs, oneRow);
    }

    /// <summary>
    /// <c>ORDER BY ... LIMIT n [OFFSET m]</c> over rows correlated by equalities (the first rows of each outer key, as
    /// Flink's <c>CorrelateSortToRankRule</c>): a Top-N (<c>ROW_NUMBER</c>) partitioned by the inner sides of the
    /// equalities, joined on them.
    /// </summary>
    private PulledUp PullUpThroughTopN(Sort? sort, LogicalPlan sorted, Limit limit, LogicalPlan left, SqlNode lateral)
    {
        var leftWidth = left.Schema.Count;
        var input = PullUpCorrelation(sorted, left, lateral);
        var equalities = input.Conditions.Select(c => SplitCorrelatedEquality(c, leftWidth)).ToList();
        if (input.OneRowPerOuterRow || equalities.Any(e => e is null))
        {
            throw NotSupported(lateral.Span,
                "a LATERAL subquery with ORDER BY ... LIMIT must be correlated by equalities only (such as WHERE t.k = outer.k), without aggregating all rows");
        }

        static BoundExpression Inner(BoundExpression e, int width) => e.Transform(x => x is BoundInputRef r ? r with { Index = r.Index - width } : x);
        var sortKeys = (sort?.Keys ?? NodeList<BoundSortKey>.Empty).Select(k => OverJoinRow(k.Expression, input.Outputs)).ToList();
        if (sortKeys.Any(k => k.InputIndexes().Any(i => i < leftWidth)))
        {
            throw NotSupported(lateral.Span, "in a LATERAL subquery, ORDER BY cannot reference the left side");
        }

        var values = input.Outputs.Select(o => o.InputIndexes().All(i => i >= leftWidth) ? Inner(o, leftWidth) : BoundLiteral.Null(o.Type)).ToList();
        var keys = equalities.Select(e => Inner(e!.Value.Inner, leftWidth)).ToList();
        var width = values.Count;
        var names = sorted.Schema.Names
            .Concat(keys.Select((_, i) => "$key" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Concat(sortKeys.Select((_, i) => "$sort" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var rankInput = new Project(input.Plan, values.Concat(keys).Concat(sortKeys.Select(k => Inner(k, leftWidth))), PlanSchema.Uniquify(names));
        var orderKeys = (sort?.Keys ?? NodeList<BoundSortKey>.Empty).Select((k, j) =>
        {
            var column = rankInput.Schema[width + keys.Count + j];
            return new BoundSortKey(new BoundInputRef(width + keys.Count + j, column.Name, column.Type), k.Descending, k.NullsFirst);
        }).ToNodeList();
        var rank = new Rank(rankInput, Enumerable.Range(width, keys.Count).ToNodeList(), orderKeys, BuiltInFunctions.RowNumber,
            limit.Offset + 1, limit.Offset + limit.Fetch!.Value, "$rn", outputRankNumber: false);

        var conditions = equalities.Select((e, k) =>
        {
            var column = rank.Schema[width + k];
            return Compare(BuiltInFunctions.EqualTo, e!.Value.Outer, new BoundInputRef(leftWidth + width + k, column.Name, column.Type), lateral.Span);
        }).ToList();
        var outputs = input.Outputs.Select((o, i) => o.InputIndexes().All(x => x >= leftWidth)
            ? new BoundInputRef(leftWidth + i, rank.Schema[i].Name, rank.Schema[i].Type)
            : o).ToList();
        return new PulledUp(rank, conditions, outputs, false);
    }

    /// <summary>
    /// A correlated condition <c>outer = inner</c> (either way round): an expression of the left row only and one of
    /// the right row only; null for any other condition.
    /// </summary>
    private static (BoundExpression Outer, BoundExpression Inner)? SplitCorrelatedEquality(BoundExpression condition, int leftWidth)
    {
        if (condition is not BoundCall { Operands.Count: 2 } call || !ReferenceEquals(call.Function, BuiltInFunctions.EqualTo))
        {
            return null;
        }

        var (a, b) = (call.Operands[0], call.Operands[1]);
        return (Conditions.SideOf(a, leftWidth), Conditions.SideOf(b, leftWidth)) switch
        {
            (JoinSide.Left, JoinSide.Right) => (a, b),
            (JoinSide.Right, JoinSide.Left) => (b, a),
            _ => null,
        };
    }

    /// <summary>
    /// An expression over a correlated plan's row as an expression over the join row: input columns become the inner
    /// plan's outputs, outer references the left row's columns.
    /// </summary>
    private static BoundExpression OverJoinRow(BoundExpression expression, IReadOnlyList<BoundExpression> outputs) =>
        expression.Transform(e => e switch
        {
            BoundInputRef r => outputs[r.Index],
            BoundOuterRef o => new BoundInputRef(o.Index, o.Name, o.Type),
            _ => e,
        });

    /// <summary>The columns of <paramref name="plan"/> over the join row, after <paramref name="leftWidth"/> left columns.</summary>
    private static List<BoundExpression> Identity(LogicalPlan plan, int leftWidth) =>
        plan.Schema.Select((c, i) => (BoundExpression)new BoundInputRef(leftWidth + i, c.Name, c.Type)).ToList();
}
