using Sluice.Core.Types;

namespace Sluice.Sql.Binding;

/// <summary>
/// A keyword operand that is not a value: the time unit of <c>EXTRACT</c> or <c>TIMESTAMPDIFF</c>, the side of
/// <c>TRIM</c>, a JSON behavior. It has the <c>NULL</c> type by convention.
/// </summary>
/// <param name="Name">The keyword, upper-case, for example <c>HOUR</c>, <c>BOTH</c> or <c>NULL ON ERROR</c>.</param>
public sealed record BoundSymbol(string Name) : BoundExpression
{
    /// <inheritdoc />
    public override DataType Type => DataTypes.Null();

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Children => [];

    /// <inheritdoc />
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => this;
}
