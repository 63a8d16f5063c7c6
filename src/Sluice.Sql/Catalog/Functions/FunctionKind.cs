namespace Sluice.Sql.Catalog.Functions;

/// <summary>Where a function may be called.</summary>
public enum FunctionKind
{
    /// <summary>A scalar function: one value per row.</summary>
    Scalar,

    /// <summary>An aggregate function: one value per group (<c>GROUP BY</c>) or per window (<c>OVER</c>).</summary>
    Aggregate,

    /// <summary>A ranking function, only valid with <c>OVER</c> (<c>ROW_NUMBER</c>, <c>RANK</c>, <c>DENSE_RANK</c>).</summary>
    Ranking,

    /// <summary>A table function: rows per input row, called in <c>FROM</c> with <c>LATERAL TABLE(...)</c>.</summary>
    Table,

    /// <summary>A windowing table-valued function (<c>TUMBLE</c>, <c>HOP</c>, <c>CUMULATE</c>, <c>SESSION</c>).</summary>
    WindowTable,

    /// <summary>
    /// A built-in process table function of Flink 2 (<c>DEDUPLICATE_KEEP_FIRST</c>, <c>TO_CHANGELOG</c>), called in
    /// <c>FROM</c> with a table argument: <c>NAME(input =&gt; TABLE t PARTITION BY k, ...)</c>.
    /// </summary>
    ProcessTable,
}
