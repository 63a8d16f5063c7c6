namespace Sluice.Sql.Binding;

/// <summary>
/// One key of an ordering. Nulls sort first in ascending and last in descending order unless the SQL says
/// otherwise (Flink treats nulls as the smallest values).
/// </summary>
/// <param name="Expression">The key.</param>
/// <param name="Descending">True for <c>DESC</c>.</param>
/// <param name="NullsFirst">True when nulls come first.</param>
public sealed record BoundSortKey(BoundExpression Expression, bool Descending, bool NullsFirst)
{
    /// <summary>The key as text, for example <c>$1 DESC NULLS LAST</c>.</summary>
    public override string ToString() => BoundExpressionFormatter.FormatSortKey(this, null);
}
