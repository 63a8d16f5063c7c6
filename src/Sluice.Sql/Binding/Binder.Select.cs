using System.Globalization;
using Sluice.Sql.Ast;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Binding;

/// <summary>
/// <c>SELECT</c>: <c>FROM</c>, <c>WHERE</c>, grouping or not, the select list with <c>*</c> expansion and output
/// names, <c>OVER</c> windows, <c>DISTINCT</c>, <c>ORDER BY</c> (by ordinal, output name or expression) and
/// <c>LIMIT</c>.
/// </summary>
internal sealed partial class Binder
{
    private LogicalPlan BindSelect(SelectQuery select, OrderedQuery? ordering, Scope? outer)
    {
        CheckOrderedBySubquery(ordering);
        var (input, scope) = select.From is null ? (Values.SingleEmptyRow(), new Scope([], outer)) : BindFrom(select.From, outer);
        var state = new SelectState(input, scope);
        if (select.Where is not null)
        {
            BindWhere(select.Where, state);
        }

        var windows = ResolveNamedWindows(select.Windows);
        var orderItems = ordering?.OrderBy ?? NodeList<OrderItem>.Empty;
        var grouped = select.GroupBy.Count > 0 || select.Having is not null
            || select.Items.Any(i => ContainsAggregate(i.Expression)) || orderItems.Any(o => ContainsAggregate(o.Expression));
        var distinct = select.Quantifier == SetQuantifier.Distinct;

        List<(BoundExpression Expression, string Name)> items;
        LogicalPlan itemsInput;
        ExpressionContext orderContext;
        var orderKeys = new List<BoundSortKey>();
        var extras = new List<BoundExpression>();
        BoundExpression? qualify = null;
        var outerWindow = _groupWindow;
        _groupWindow = null;
        if (grouped)
        {
            var groupBy = ApplyGroupWindow(select, ref state, outer) ?? select.GroupBy;
            if (!ReferenceEquals(groupBy, select.GroupBy))
            {
                _groupWindow = GroupWindowKind(((FunctionCall)select.GroupBy.First(e => e is FunctionCall f && GroupWindowKind(f.Name.Last.Value) is not null)).Name.Last.Value);
            }

            var aggregation = new AggregateBinding(state.Input, state.Scope);
            BindGroupBy(groupBy, aggregation);
            var context = new ExpressionContext(state.Scope, Clause.Select) { Aggregation = aggregation, AllowOver = true, NamedWindows = windows };
            items = BindSelectItems(select, context, aggregation);
            List<HavingSubquery>? havingSubqueries = null;
            var having = select.Having is null ? null : BindHaving(select.Having, context with { Clause = Clause.Having, AllowOver = false }, aggregation, out havingSubqueries);
            qualify = select.Qualify is null ? null : BindQualify(select, context);
            orderContext = context with { Clause = Clause.OrderBy, AllowOver = false };
            BindSelectOrderBy(orderItems, items, orderContext, distinct, orderKeys, extras);
            var aggregate = JoinAggregatedSubqueries(aggregation.Build(), aggregation, out var remap);
            if (remap is not null)
            {
                items = items.Select(i => (remap(i.Expression), i.Name)).ToList();
                having = having is null ? null : remap(having);
                qualify = qualify is null ? null : remap(qualify);
                orderKeys = orderKeys.Select(k => k with { Expression = remap(k.Expression) }).ToList();
                extras = extras.Select(remap).ToList();
            }

            itemsInput = ApplyHavingSubqueries(having is null ? aggregate : new Filter(aggregate, having), havingSubqueries, remap);
        }
        else
        {
            var context = new ExpressionContext(state.Scope, Clause.Select) { AllowOver = true, NamedWindows = windows, Select = state };
            items = BindSelectItems(select, context, null);
            qualify = select.Qualify is null ? null : BindQualify(select, context);
            orderContext = context with { Clause = Clause.OrderBy, AllowOver = false };
            BindSelectOrderBy(orderItems, items, orderContext, distinct, orderKeys, extras);
            itemsInput = state.Input;
        }

        _groupWindow = outerWindow;

        var expressions = items.Select(i => i.Expression).Concat(extras).ToList();
        if (qualify is not null)
        {
            expressions.Add(qualify);
        }

        (expressions, itemsInput) = ExtractOverCalls(expressions, itemsInput);
        if (qualify is not null)
        {
            itemsInput = new Filter(itemsInput, expressions[^1]);
            expressions.RemoveAt(expressions.Count - 1);
        }

        var names = PlanSchema.Uniquify(items.Select(i => i.Name)
            .Concat(extras.Select((_, i) => "EXPR$" + (items.Count + i).ToString(CultureInfo.InvariantCulture))));
        LogicalPlan plan = new Project(itemsInput, expressions, names);
        if (distinct)
        {
            for (var i = 0; i < items.Count; i++)
            {
                RejectVariantKey(items[i].Expression, select.Items[Math.Min(i, select.Items.Count - 1)].Span, "a SELECT DISTINCT column");
            }

            plan = new Aggregate(plan, Enumerable.Range(0, plan.Schema.Count).ToNodeList(), null, NodeList<AggregateCall>.Empty);
        }

        if (orderKeys.Count > 0)
        {
            plan = new Sort(plan, orderKeys.ToNodeList());
        }

        if (ordering is not null)
        {
            plan = ApplyLimit(plan, ordering);
        }

        if (extras.Count > 0)
        {
            var kept = plan.Schema.Take(items.Count).Select((c, i) => (BoundExpression)new BoundInputRef(i, c.Name, c.Type));
            plan = new Project(plan, kept, names.Take(items.Count));
        }

        return plan;
    }

    /// <summary>
    /// <c>WHERE</c>: <c>[NOT] EXISTS</c> and <c>[NOT] IN (subquery)</c> conjuncts become semi and anti joins; the other
    /// conjuncts become one filter.
    /// </summary>
    private void BindWhere(SqlExpression where, SelectState state)
    {
        var context = new ExpressionContext(state.Scope, Clause.Where) { Select = state };
        BoundExpression? condition = null;
        foreach (var conjunct in FilterConjuncts(where))
        {
            if (TryApplySubqueryCondition(conjunct, state))
            {
                continue;
            }

            var bound = BindCondition(conjunct, context);
            condition = condition is null ? bound : ResolveCall(Catalog.Functions.BuiltInFunctions.And, [condition, bound], conjunct.Span);
        }

        if (condition is not null)
        {
            state.Input = new Filter(state.Input, condition);
        }
    }

    private static IEnumerable<SqlExpression> SplitConjunction(SqlExpression expression)
    {
        if (expression is BinaryExpression { Operator: BinaryOperator.And } and)
        {
            foreach (var part in SplitConjunction(and.Left).Concat(SplitConjunction(and.Right)))
            {
                yield return part;
            }
        }
        else
        {
            yield return expression;
        }
    }

    private List<(BoundExpression Expression, string Name)> BindSelectItems(SelectQuery select, ExpressionContext context,
        AggregateBinding? aggregation)
    {
        var items = new List<(BoundExpression, string)>();
        var starScope = aggregation?.FromScope ?? context.Scope;
        foreach (var item in select.Items)
        {
            if (item.Expression is StarExpression star)
            {
                foreach (var (table, position) in ExpandStar(star, starScope))
                {
                    var column = table.Columns[position];
                    BoundExpression reference = new BoundInputRef(table.Offset + position, column.Name, column.Type);
                    if (aggregation is not null)
                    {
                        var key = aggregation.FindKey(reference);
                        if (key < 0)
                        {
                            throw Invalid(star.Span, $"Expression '{column.Name}' is not being grouped");
                        }

                        reference = aggregation.KeyReference(key);
                    }

                    items.Add((reference, column.Name));
                }

                continue;
            }

            var name = item.Alias?.Value ?? DerivedName(item.Expression, items.Count);
            var itemContext = aggregation is not null && item.Expression is FunctionCall { Over: null } call && IsAggregateCall(call)
                ? context with { AggregateNameHint = name }
                : context;
            items.Add((BindExpression(item.Expression, itemContext), name));
        }

        return items;
    }

    private static IEnumerable<(ScopeTable Table, int Position)> ExpandStar(StarExpression star, Scope scope)
    {
        if (star.Qualifier is null)
        {
            if (scope.Tables.Count == 0)
            {
                throw Invalid(star.Span, "SELECT * needs a FROM clause");
            }

            return scope.Tables.SelectMany(t => Enumerable.Range(0, t.Columns.Count)
                .Where(p => !t.Hidden.Contains(t.Columns[p].Name))
                .Select(p => (t, p)));
        }

        var name = star.Qualifier.Last.Value;
        var tables = scope.TablesNamed(name);
        if (tables.Count == 0)
        {
            throw NotFound(star.Qualifier.Span, $"Table '{name}' not found"
                + Catalog.NameSuggestions.DidYouMean(name, scope.Tables.Select(t => t.Name).OfType<string>()));
        }

        return Enumerable.Range(0, tables[0].Columns.Count).Select(p => (tables[0], p));
    }

    /// <summary>The output name of an unaliased select item, as Calcite derives it.</summary>
    private static string DerivedName(SqlExpression expression, int position) => expression switch
    {
        IdentifierExpression identifier => identifier.Name.Last.Value,
        FieldAccess access => access.Field.Value,
        _ => "EXPR$" + position.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// <c>ORDER BY</c> of a <c>SELECT</c>: an ordinal or an output name picks a select item; another expression is
    /// matched against the select items, or else computed as an extra (hidden) column.
    /// </summary>
    private void BindSelectOrderBy(IReadOnlyList<OrderItem> orderItems, List<(BoundExpression Expression, string Name)> items,
        ExpressionContext context, bool distinct, List<BoundSortKey> keys, List<BoundExpression> extras)
    {
        foreach (var item in orderItems)
        {
            BoundExpression reference;
            var expression = item.Expression;
            if (expression is NumericLiteral { Kind: NumericLiteralKind.Integer } ordinal)
            {
                var schema = new PlanSchema(PlanSchema.Unique(items.Select(i => new PlanColumn(i.Name, i.Expression.Type)).ToList()));
                reference = OrdinalReference(ordinal, schema);
            }
            else if (expression is IdentifierExpression { Name.IsSimple: true } identifier
                     && items.Count(i => i.Name == identifier.Name.Last.Value) is var count && count > 0)
            {
                if (count > 1)
                {
                    throw Invalid(expression.Span, $"Column '{identifier.Name.Last.Value}' is ambiguous in ORDER BY: several select items have that name");
                }

                var position = items.FindIndex(i => i.Name == identifier.Name.Last.Value);
                reference = new BoundInputRef(position, items[position].Name, items[position].Expression.Type);
            }
            else
            {
                var bound = BindExpression(expression, context);
                var position = items.FindIndex(i => i.Expression.Equals(bound));
                if (position >= 0)
                {
                    reference = new BoundInputRef(position, items[position].Name, bound.Type);
                }
                else if (distinct)
                {
                    throw Invalid(expression.Span, $"Expression '{Text(expression)}' is not in the SELECT list; with SELECT DISTINCT, ORDER BY can only use selected columns");
                }
                else
                {
                    position = extras.IndexOf(bound);
                    if (position < 0)
                    {
                        extras.Add(bound);
                        position = extras.Count - 1;
                    }

                    reference = new BoundInputRef(items.Count + position, "EXPR$" + (items.Count + position).ToString(CultureInfo.InvariantCulture), bound.Type);
                }
            }

            keys.Add(SortKey(item, reference));
        }
    }
}
