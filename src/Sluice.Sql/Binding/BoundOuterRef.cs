using Sluice.Core.Types;

namespace Sluice.Sql.Binding;

/// <summary>
/// A column of an enclosing query's row, referenced from inside a subquery (a correlation). Transient: the binder
/// rewrites correlated subqueries into joins, so finished plans contain none.
/// </summary>
/// <param name="Index">The column index in the row of the enclosing query <paramref name="Depth"/> levels out.</param>
/// <param name="Name">The column name.</param>
/// <param name="Type">The column type.</param>
/// <param name="Depth">
/// How many query levels out the column is: 1 for the query that directly encloses the subquery, 2 for the one enclosing
/// that. Subqueries are decorrelated from the innermost out: decorrelating a subquery into its enclosing query makes
/// that query carry the columns its references of depth 2 read, so that they become references of depth 1 there.
/// </param>
public sealed record BoundOuterRef(int Index, string Name, DataType Type, int Depth = 1) : BoundExpression
{
    /// <inheritdoc />
    public override DataType Type { get; } = Type;

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Children => [];

    /// <inheritdoc />
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => this;
}
