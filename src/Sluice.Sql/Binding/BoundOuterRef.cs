using Sluice.Core.Types;

namespace Sluice.Sql.Binding;

/// <summary>
/// A column of the enclosing query's row, referenced from inside a subquery (a correlation). Transient: the binder
/// rewrites correlated subqueries into joins, so finished plans contain none.
/// </summary>
/// <param name="Index">The column index in the enclosing query's row.</param>
/// <param name="Name">The column name.</param>
/// <param name="Type">The column type.</param>
public sealed record BoundOuterRef(int Index, string Name, DataType Type) : BoundExpression
{
    /// <inheritdoc />
    public override DataType Type { get; } = Type;

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Children => [];

    /// <inheritdoc />
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => this;
}
