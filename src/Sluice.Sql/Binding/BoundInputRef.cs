using Sluice.Core.Types;

namespace Sluice.Sql.Binding;

/// <summary>A column of the input row, by index (Calcite's <c>RexInputRef</c>).</summary>
/// <param name="Index">The 0-based column index in the input row.</param>
/// <param name="Name">The column name when it was bound (plan text prints the input's current name instead).</param>
/// <param name="Type">The column type.</param>
public sealed record BoundInputRef(int Index, string Name, DataType Type) : BoundExpression
{
    /// <inheritdoc />
    public override DataType Type { get; } = Type;

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Children => [];

    /// <inheritdoc />
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => this;
}
