using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Binding;

/// <summary>
/// Joins: regular joins with <c>ON</c>, <c>USING</c> or <c>NATURAL</c>; correlations with <c>LATERAL TABLE</c> and
/// <c>UNNEST</c>; temporal joins with <c>FOR SYSTEM_TIME AS OF</c>.
/// </summary>
internal sealed partial class Binder
{
    private (LogicalPlan Plan, IReadOnlyList<ScopeTable> Tables) BindJoin(JoinReference join)
    {
        var (left, leftTables) = BindTableReference(join.Left);
        switch (join.Right)
        {
            case TableFunctionReference function when ResolveCorrelatedTableFunction(function.Call.Name) is { Kind: not (FunctionKind.WindowTable or FunctionKind.ProcessTable) } definition:
            {
                var scan = BindTableFunction(function, definition, new Scope(leftTables));
                return Correlated(join, left, leftTables, scan, function.Alias);
            }

            case UnnestReference unnest:
                return Correlated(join, left, leftTables, BindUnnest(unnest, new Scope(leftTables)), unnest.Alias);
            case DerivedTableReference { IsLateral: true } lateral:
                return BindLateralJoin(join, left, leftTables, lateral);
            case NamedTableReference { SystemTimeAsOf: not null } temporal:
                return BindTemporalJoin(join, left, leftTables, temporal);
        }

        var (right, rightTables) = BindTableReference(join.Right);
        var leftWidth = left.Schema.Count;
        var shifted = rightTables.Select(t => t.At(t.Offset + leftWidth)).ToList();
        CheckDistinctNames(leftTables, shifted, join.Right);
        var type = join.Kind switch
        {
            JoinKind.Left => JoinType.Left,
            JoinKind.Right => JoinType.Right,
            JoinKind.Full => JoinType.Full,
            _ => JoinType.Inner,
        };

        IReadOnlyList<ScopeTable> tables = [.. leftTables, .. shifted];
        BoundExpression condition;
        if (join.Kind is JoinKind.Comma or JoinKind.Cross)
        {
            condition = BoundLiteral.True;
        }
        else if (join.IsNatural || join.Using.Count > 0)
        {
            var names = join.IsNatural
                ? new Scope(leftTables).VisibleNames().Intersect(new Scope(rightTables).VisibleNames(), StringComparer.Ordinal)
                    .Select(n => new Identifier(join.Span, n)).ToList()
                : join.Using.ToList();
            (condition, tables) = BindUsing(names, leftTables, shifted, type, join);
        }
        else
        {
            // Inside a subquery the condition may read the enclosing query (a correlation, decorrelated or refused with it).
            condition = BindCondition(join.Condition!, new ExpressionContext(new Scope(tables, _fromOuter), Clause.JoinCondition));
        }

        var plan = new Join(left, right, type, condition);
        return (plan, Refit(tables, plan));
    }

    /// <summary>
    /// The scope tables over a join's output: same names, but the types of the output, where the side that may be
    /// padded with nulls is nullable. (The join condition was bound over the input types.)
    /// </summary>
    private static IReadOnlyList<ScopeTable> Refit(IReadOnlyList<ScopeTable> tables, LogicalPlan join) =>
        tables.Select(t => new ScopeTable(t.Name, t.Offset,
            t.Columns.Select((c, i) => join.Schema[t.Offset + i] with { Name = c.Name }).ToArray(), t.Hidden)).ToArray();

    /// <summary>
    /// <c>USING (a, b)</c>: equality of the same-named columns; the copies of the side that may be padded with nulls
    /// are hidden from unqualified names and <c>*</c>.
    /// </summary>
    private static (BoundExpression Condition, IReadOnlyList<ScopeTable> Tables) BindUsing(IReadOnlyList<Identifier> names,
        IReadOnlyList<ScopeTable> left, IReadOnlyList<ScopeTable> right, JoinType type, JoinReference join)
    {
        if (type == JoinType.Full)
        {
            throw NotSupported(join.Span, "FULL JOIN with USING or NATURAL is not supported yet; write the condition with ON");
        }

        if (names.Count == 0)
        {
            return (BoundLiteral.True, [.. left, .. right]);
        }

        BoundExpression? condition = null;
        foreach (var name in names)
        {
            var leftColumn = UsingColumn(name, left, "left");
            var rightColumn = UsingColumn(name, right, "right");
            var equal = Compare(BuiltInFunctions.EqualTo, leftColumn, rightColumn, name.Span);
            condition = condition is null ? equal : ResolveCall(BuiltInFunctions.And, [condition, equal], name.Span);
        }

        var hidden = names.Select(n => n.Value).ToArray();
        return type == JoinType.Right
            ? (condition!, [.. left.Select(t => t.WithHidden(hidden)), .. right])
            : (condition!, [.. left, .. right.Select(t => t.WithHidden(hidden))]);
    }

    private static BoundInputRef UsingColumn(Identifier name, IReadOnlyList<ScopeTable> tables, string side)
    {
        var matches = new Scope(tables).FindUnqualified(name.Value);
        if (matches.Count == 0)
        {
            throw NotFound(name.Span, $"Column '{name.Value}' of USING not found on the {side} side of the join");
        }

        if (matches.Count > 1)
        {
            throw Invalid(name.Span, $"Column '{name.Value}' of USING is ambiguous on the {side} side of the join");
        }

        var (table, position) = matches[0];
        var column = table.Columns[position];
        return new BoundInputRef(table.Offset + position, column.Name, column.Type);
    }

    private static void CheckDistinctNames(IReadOnlyList<ScopeTable> left, IReadOnlyList<ScopeTable> right, TableReference rightReference)
    {
        foreach (var table in right)
        {
            if (table.Name is not null && left.Any(l => l.Name == table.Name))
            {
                throw Invalid(rightReference.Span, $"Duplicate table name '{table.Name}' in FROM; give one of them another alias");
            }
        }
    }

    /// <summary>
    /// A correlation of the left side with a table function or <c>UNNEST</c> evaluated per left row: a comma, <c>CROSS
    /// JOIN</c> or <c>[INNER] JOIN ... ON TRUE</c>, or <c>LEFT JOIN ... ON TRUE</c>. A left join with another <c>ON</c>
    /// condition is Flink's validation error.
    /// </summary>
    private static (LogicalPlan Plan, IReadOnlyList<ScopeTable> Tables) Correlated(JoinReference join, LogicalPlan left,
        IReadOnlyList<ScopeTable> leftTables, LogicalPlan right, TableAlias? alias)
    {
        var onTrue = join.Condition is null or BooleanLiteral { Value: true };
        var plain = !join.IsNatural && join.Using.Count == 0;
        if (join.Kind == JoinKind.Left && plain && !onTrue)
        {
            throw Invalid(join.Condition!.Span,
                $"Left outer joins with a table function do not accept a predicate such as {Text(join.Condition)}. Only literal TRUE is accepted");
        }

        var type = join.Kind switch
        {
            JoinKind.Comma or JoinKind.Cross or JoinKind.Inner when onTrue && plain => JoinType.Inner,
            JoinKind.Left when onTrue && plain => JoinType.Left,
            _ => throw NotSupported(join.Condition?.Span ?? join.Span,
                "a join with LATERAL TABLE or UNNEST must be a comma, CROSS JOIN, or [LEFT] JOIN ... ON TRUE"),
        };
        var (renamed, rightTables) = Aliased(right, alias, null);
        var shifted = rightTables.Select(t => t.At(t.Offset + left.Schema.Count)).ToList();
        CheckDistinctNames(leftTables, shifted, join.Right);
        var plan = new Correlate(left, renamed, type);
        return (plan, Refit([.. leftTables, .. shifted], plan));
    }

    /// <summary>
    /// <c>JOIN t FOR SYSTEM_TIME AS OF left.time</c>: the period must be a time attribute of the left side; an
    /// event-time temporal join needs a primary key and a watermark on the versioned table.
    /// </summary>
    private (LogicalPlan Plan, IReadOnlyList<ScopeTable> Tables) BindTemporalJoin(JoinReference join, LogicalPlan left,
        IReadOnlyList<ScopeTable> leftTables, NamedTableReference temporal)
    {
        var type = join.Kind switch
        {
            JoinKind.Inner => JoinType.Inner,
            JoinKind.Left => JoinType.Left,
            _ => throw NotSupported(join.Span, "a temporal join (FOR SYSTEM_TIME AS OF) must be a JOIN or LEFT JOIN with an ON condition"),
        };
        if (join.Condition is null)
        {
            throw Invalid(join.Span, "A temporal join (FOR SYSTEM_TIME AS OF) needs an ON condition");
        }

        var leftScope = new Scope(leftTables);
        RejectTimeTravel(temporal);
        var period = BindExpression(temporal.SystemTimeAsOf!, new ExpressionContext(leftScope, Clause.PeriodForSystemTime));
        var kind = period is BoundInputRef reference ? ColumnAt(leftScope, reference.Index)?.TimeAttribute ?? TimeAttribute.None : TimeAttribute.None;
        if (kind == TimeAttribute.None)
        {
            throw Invalid(temporal.SystemTimeAsOf!.Span,
                $"FOR SYSTEM_TIME AS OF must reference a time attribute (a rowtime or processing-time column) of the left table, not '{Text(temporal.SystemTimeAsOf!)}'");
        }

        var right = ResolveNamedTable(temporal.Name, temporal.Hints);
        if (kind == TimeAttribute.RowTime && right is TableScan scan)
        {
            if (scan.Table.PrimaryKey is null)
            {
                throw Invalid(temporal.Name.Span,
                    $"An event-time temporal join needs a primary key on the versioned table '{NameText(temporal.Name)}'");
            }

            if (scan.Table.Watermark is null)
            {
                throw Invalid(temporal.Name.Span,
                    $"An event-time temporal join needs a watermark (an event-time attribute) on the versioned table '{NameText(temporal.Name)}'");
            }
        }

        var (renamed, rightTables) = Aliased(right, temporal.Alias, temporal.Name.Last.Value);
        var shifted = rightTables.Select(t => t.At(t.Offset + left.Schema.Count)).ToList();
        CheckDistinctNames(leftTables, shifted, temporal);
        IReadOnlyList<ScopeTable> tables = [.. leftTables, .. shifted];
        var condition = BindCondition(join.Condition, new ExpressionContext(new Scope(tables), Clause.JoinCondition));
        var plan = new TemporalJoin(left, renamed, type, condition, period, kind);
        return (plan, Refit(tables, plan));
    }

    /// <summary>
    /// The function of <c>LATERAL TABLE(f(...))</c> after a <c>FROM</c> item. An unknown name is an error that also
    /// says what Flink's temporal table functions (<c>LATERAL TABLE(Rates(o.order_time))</c> on Flink's joins page)
    /// become here: Flink creates them only through its Table API (<c>createTemporalTableFunction</c>), which has no
    /// counterpart in Sluice, so no such function can exist; the same join is a temporal join with
    /// <c>FOR SYSTEM_TIME AS OF</c>.
    /// </summary>
    private FunctionDefinition ResolveCorrelatedTableFunction(QualifiedName name)
    {
        if (FindFunction(name) is null && name.IsSimple && _catalog.FindFunction(name.Last.Value) is null)
        {
            var suggestion = NameSuggestions.DidYouMean(name.Last.Value, _catalog.ListFunctions().Select(f => f.Name));
            throw NotFound(name.Span, $"Function '{name.Last.Value}' not found" + (suggestion.Length == 0 ? "." : suggestion)
                + " A temporal table function is created only through Flink's Table API (createTemporalTableFunction), which Sluice "
                + "does not have; join the versioned table with FOR SYSTEM_TIME AS OF instead (JOIN v FOR SYSTEM_TIME AS OF o.rowtime ON o.k = v.k)");
        }

        return ResolveFunction(name);
    }
}
