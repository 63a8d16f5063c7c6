using System.Globalization;
using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Binding;

/// <summary>Queries: <c>WITH</c>, set operations, <c>VALUES</c>, and <c>ORDER BY</c>/<c>LIMIT</c> over them.</summary>
internal sealed partial class Binder
{
    private LogicalPlan BindQuery(SqlQuery query, Scope? outer)
    {
        switch (query)
        {
            case SelectQuery select:
                return BindSelect(select, null, outer);
            case OrderedQuery { Body: SelectQuery select } ordered:
                return BindSelect(select, ordered, outer);
            case OrderedQuery ordered:
            {
                var body = BindQuery(ordered.Body, outer);
                var keys = ordered.OrderBy.Select(item => BindOutputOrderKey(item, body)).ToNodeList();
                var plan = keys.Count > 0 ? new Sort(body, keys) : body;
                return ApplyLimit(plan, ordered);
            }

            case SetOperationQuery set:
                return BindSetOperation(set, outer);
            case ValuesQuery values:
                return BindValues(values);
            case WithQuery with:
                return BindWith(with, outer);
            default:
                throw NotSupported(query.Span, $"the query {Text(query)} is not supported yet");
        }
    }

    private LogicalPlan BindWith(WithQuery with, Scope? outer)
    {
        var frame = new Dictionary<string, LogicalPlan>(StringComparer.Ordinal);
        _commonTableExpressions.Add(frame);
        try
        {
            foreach (var cte in with.CommonTableExpressions)
            {
                if (frame.ContainsKey(cte.Name.Value))
                {
                    throw Invalid(cte.Name.Span, $"Duplicate WITH item name '{cte.Name.Value}'");
                }

                var plan = BindQuery(cte.Query, outer);
                if (cte.Columns.Count > 0)
                {
                    if (cte.Columns.Count != plan.Schema.Count)
                    {
                        throw Invalid(cte.Name.Span,
                            $"The WITH item '{cte.Name.Value}' lists {cte.Columns.Count} column names, but its query returns {plan.Schema.Count} columns");
                    }

                    plan = Rename(plan, cte.Columns.Select(c => c.Value).ToArray());
                }

                frame[cte.Name.Value] = plan;
            }

            return BindQuery(with.Body, outer);
        }
        finally
        {
            _commonTableExpressions.RemoveAt(_commonTableExpressions.Count - 1);
        }
    }

    /// <summary>The plan of the <c>WITH</c> item named <paramref name="name"/> in the innermost query that defines it, or null.</summary>
    private LogicalPlan? FindCommonTableExpression(string name)
    {
        for (var i = _commonTableExpressions.Count - 1; i >= 0; i--)
        {
            if (_commonTableExpressions[i].TryGetValue(name, out var plan))
            {
                return plan;
            }
        }

        return null;
    }

    private LogicalPlan BindSetOperation(SetOperationQuery set, Scope? outer)
    {
        var left = BindQuery(set.Left, outer);
        var right = BindQuery(set.Right, outer);
        var name = set.Operator.ToString().ToUpperInvariant();
        if (left.Schema.Count != right.Schema.Count)
        {
            throw Invalid(set.Right.Span,
                $"Column count mismatch in {name}: the left side has {left.Schema.Count} columns, the right side {right.Schema.Count}");
        }

        var types = new DataType[left.Schema.Count];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = TypeRules.LeastRestrictive(left.Schema[i].Type, right.Schema[i].Type)
                ?? throw TypeError(set.Right.Span,
                    $"Type mismatch in column {i + 1} of {name}: {left.Schema[i].Type} and {right.Schema[i].Type} have no common type");
        }

        left = CastColumns(left, types);
        right = CastColumns(right, types);
        var all = set.Quantifier == SetQuantifier.All;
        if (!all || set.Operator != SetOperator.Union)
        {
            var variant = types.FirstOrDefault(TypeRules.ContainsVariant);
            if (variant is not null)
            {
                throw TypeError(set.Span, $"{set.Operator.ToString().ToUpperInvariant()}{(all ? " ALL" : "")} compares rows, and a value of type {variant} is not comparable (use UNION ALL, or cast the VARIANT to a scalar type)");
            }
        }

        return set.Operator switch
        {
            SetOperator.Union => new Union([left, right], all),
            SetOperator.Intersect => new Intersect(left, right, all),
            _ => new Except(left, right, all),
        };
    }

    /// <summary>A projection converting each column of <paramref name="plan"/> to <paramref name="types"/> where needed.</summary>
    private static LogicalPlan CastColumns(LogicalPlan plan, IReadOnlyList<DataType> types)
    {
        var needed = plan.Schema.Select((c, i) => !c.Type.EqualsIgnoringNullability(types[i])).ToArray();
        if (!needed.Any(n => n))
        {
            return plan;
        }

        var expressions = plan.Schema.Select((c, i) =>
        {
            var reference = new BoundInputRef(i, c.Name, c.Type);
            return needed[i] ? Coerce(reference, types[i], exact: true) : reference;
        });
        return new Project(plan, expressions, plan.Schema.Names);
    }

    private LogicalPlan BindValues(ValuesQuery values)
    {
        var context = new ExpressionContext(Scope.Empty, Clause.Values);
        var rows = values.Rows.Select(row => row.Fields.Select(f => BindExpression(f, context)).ToList()).ToList();
        var width = rows[0].Count;
        for (var r = 1; r < rows.Count; r++)
        {
            if (rows[r].Count != width)
            {
                throw Invalid(values.Rows[r].Span,
                    $"All rows of VALUES must have the same number of columns: row {r + 1} has {rows[r].Count}, the first row has {width}");
            }
        }

        var columns = new List<PlanColumn>();
        for (var c = 0; c < width; c++)
        {
            var columnTypes = rows.Select(r => r[c].Type).ToList();
            var type = TypeRules.LeastRestrictive(columnTypes)
                ?? throw TypeError(values.Span, $"The values of column {c + 1} of VALUES have no common type: {string.Join(", ", columnTypes.Distinct())}");
            columns.Add(new PlanColumn("EXPR$" + c.ToString(CultureInfo.InvariantCulture), type));
        }

        var coerced = rows.Select(r => r.Select((v, c) => Coerce(v, columns[c].Type, exact: true)).ToNodeList()).ToNodeList();
        return new Values(new PlanSchema(columns), coerced);
    }

    /// <summary>An <c>ORDER BY</c> key over a query's output: an ordinal, an output name, or an expression over the output columns.</summary>
    private BoundSortKey BindOutputOrderKey(OrderItem item, LogicalPlan body)
    {
        BoundExpression expression;
        if (item.Expression is NumericLiteral { Kind: NumericLiteralKind.Integer } ordinal)
        {
            expression = OrdinalReference(ordinal, body.Schema);
        }
        else
        {
            expression = BindExpression(item.Expression, new ExpressionContext(Scope.Of(null, body.Schema), Clause.OrderBy));
        }

        return SortKey(item, expression);
    }

    private static BoundInputRef OrdinalReference(NumericLiteral ordinal, PlanSchema schema)
    {
        if (!int.TryParse(ordinal.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var position) || position < 1 || position > schema.Count)
        {
            throw Invalid(ordinal.Span, $"Ordinal {ordinal.Text} in ORDER BY is out of range: the SELECT list has {schema.Count} items");
        }

        var column = schema[position - 1];
        return new BoundInputRef(position - 1, column.Name, column.Type);
    }

    private static BoundSortKey SortKey(OrderItem item, BoundExpression expression)
    {
        if (!TypeRules.IsOrderable(expression.Type))
        {
            throw TypeError(item.Expression.Span, $"Cannot sort by '{Text(item.Expression)}': values of type {expression.Type} have no order");
        }

        var descending = item.Direction == SortDirection.Descending;
        var nullsFirst = item.Nulls switch
        {
            NullOrdering.First => true,
            NullOrdering.Last => false,
            _ => !descending,
        };
        return new BoundSortKey(expression, descending, nullsFirst);
    }

    private static LogicalPlan ApplyLimit(LogicalPlan plan, OrderedQuery ordered)
    {
        var limit = RowCount(ordered.Limit, "LIMIT");
        var offset = RowCount(ordered.Offset, "OFFSET");
        return limit is null && offset is null ? plan : new Limit(plan, offset ?? 0, limit);
    }

    private static long? RowCount(SqlExpression? expression, string clause)
    {
        if (expression is null)
        {
            return null;
        }

        if (expression is NumericLiteral { Kind: NumericLiteralKind.Integer } literal
            && long.TryParse(literal.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return count;
        }

        throw Invalid(expression.Span, $"{clause} must be a non-negative integer literal");
    }
}
