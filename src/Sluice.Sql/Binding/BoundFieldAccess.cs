using Sluice.Core.Types;

namespace Sluice.Sql.Binding;

/// <summary>A field of a <c>ROW</c> value: <c>target.field</c>.</summary>
/// <param name="Target">The row value.</param>
/// <param name="FieldName">The field name.</param>
/// <param name="FieldIndex">The field's position in the row type.</param>
/// <param name="Type">The field type (nullable when the row is).</param>
public sealed record BoundFieldAccess(BoundExpression Target, string FieldName, int FieldIndex, DataType Type) : BoundExpression
{
    /// <inheritdoc />
    public override DataType Type { get; } = Type;

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Children => [Target];

    /// <inheritdoc />
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => this with { Target = children[0] };
}
