namespace Sluice.Sql.Physical.Operators.Sort;

/// <summary>
/// One key of an <c>ORDER BY</c>: a column, its direction and where nulls go. Flink's defaults are
/// <see cref="Asc"/> (nulls first) and <see cref="Desc"/> (nulls last). Immutable.
/// </summary>
/// <param name="Column">The column index in the input schema.</param>
/// <param name="Ascending">True for ASC, false for DESC.</param>
/// <param name="NullsFirst">True for NULLS FIRST, false for NULLS LAST (independent of the direction).</param>
public sealed record SortColumn(int Column, bool Ascending, bool NullsFirst)
{
    /// <summary><c>column ASC</c> with Flink's default <c>NULLS FIRST</c>.</summary>
    public static SortColumn Asc(int column) => new(column, true, true);

    /// <summary><c>column DESC</c> with Flink's default <c>NULLS LAST</c>.</summary>
    public static SortColumn Desc(int column) => new(column, false, false);

    /// <inheritdoc />
    public override string ToString() => $"${Column} {(Ascending ? "ASC" : "DESC")} NULLS {(NullsFirst ? "FIRST" : "LAST")}";
}
