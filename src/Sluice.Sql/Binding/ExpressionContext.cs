namespace Sluice.Sql.Binding;

/// <summary>What an expression is bound against and what it may contain.</summary>
/// <param name="Scope">The visible names.</param>
/// <param name="Clause">The clause, for errors and rules.</param>
internal sealed record ExpressionContext(Scope Scope, Clause Clause)
{
    /// <summary>The aggregation being built, in a grouped <c>SELECT</c>, <c>HAVING</c> or <c>ORDER BY</c>; null otherwise.</summary>
    public AggregateBinding? Aggregation { get; init; }

    /// <summary>True inside the arguments of an aggregate call (aggregates may not nest).</summary>
    public bool InAggregateArgument { get; init; }

    /// <summary>True where <c>OVER</c> windows may appear (the <c>SELECT</c> list).</summary>
    public bool AllowOver { get; init; }

    /// <summary>The named windows of the <c>SELECT</c> (<c>WINDOW w AS (...)</c>).</summary>
    public IReadOnlyDictionary<string, Ast.WindowSpecification>? NamedWindows { get; init; }

    /// <summary>The select being bound, where scalar subqueries join their result; null where they are not allowed.</summary>
    public SelectState? Select { get; init; }

    /// <summary>The name for an aggregate call that is the whole select item.</summary>
    public string? AggregateNameHint { get; init; }

    /// <summary>The clause as SQL words, for messages.</summary>
    public string ClauseName => Clause switch
    {
        Clause.Select => "SELECT",
        Clause.Where => "WHERE",
        Clause.GroupBy => "GROUP BY",
        Clause.Having => "HAVING",
        Clause.OrderBy => "ORDER BY",
        Clause.JoinCondition => "ON",
        Clause.Values => "VALUES",
        Clause.Limit => "LIMIT",
        Clause.Window => "a window specification",
        Clause.FunctionArgument => "a table function argument",
        Clause.ComputedColumn => "a computed column",
        Clause.Watermark => "a watermark",
        Clause.PeriodForSystemTime => "FOR SYSTEM_TIME AS OF",
        _ => Clause.ToString(),
    };
}
