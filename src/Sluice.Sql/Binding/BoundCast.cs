using Sluice.Core.Types;

namespace Sluice.Sql.Binding;

/// <summary>
/// <c>CAST(operand AS type)</c>, or <c>TRY_CAST</c> (null instead of an error for bad values). The binder also
/// inserts casts for implicit conversions.
/// </summary>
/// <param name="Operand">The value to convert.</param>
/// <param name="Type">The target type.</param>
/// <param name="IsTry">True for <c>TRY_CAST</c>.</param>
public sealed record BoundCast(BoundExpression Operand, DataType Type, bool IsTry = false) : BoundExpression
{
    /// <inheritdoc />
    public override DataType Type { get; } = Type;

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Children => [Operand];

    /// <inheritdoc />
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => this with { Operand = children[0] };
}
