namespace Sluice.Sql.Physical.Operators.Rank;

/// <summary>
/// One <c>ORDER BY</c> key of a Top-N: an input column, its direction and where nulls go. Flink's default is
/// <c>NULLS FIRST</c> for ascending and <c>NULLS LAST</c> for descending keys (nulls are the smallest values); use
/// <see cref="Asc"/> and <see cref="Desc"/> for it.
/// </summary>
/// <param name="Column">The input column.</param>
/// <param name="Descending">True for <c>DESC</c>.</param>
/// <param name="NullsFirst">True when nulls sort before every value (whatever the direction).</param>
public readonly record struct RankSortKey(int Column, bool Descending, bool NullsFirst)
{
    /// <summary><c>column ASC</c> with Flink's default <c>NULLS FIRST</c>.</summary>
    public static RankSortKey Asc(int column) => new(column, Descending: false, NullsFirst: true);

    /// <summary><c>column DESC</c> with Flink's default <c>NULLS LAST</c>.</summary>
    public static RankSortKey Desc(int column) => new(column, Descending: true, NullsFirst: false);
}
