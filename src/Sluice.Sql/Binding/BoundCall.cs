using Sluice.Core.Types;
using Sluice.Sql.Catalog.Functions;

using Sluice.Sql.Ast;

namespace Sluice.Sql.Binding;

/// <summary>A call of a function or operator (Calcite's <c>RexCall</c>).</summary>
/// <param name="Function">The function called.</param>
/// <param name="Operands">The operands, already cast where the function coerces them.</param>
/// <param name="Type">The result type.</param>
public sealed record BoundCall(FunctionDefinition Function, NodeList<BoundExpression> Operands, DataType Type) : BoundExpression
{
    /// <inheritdoc />
    public override DataType Type { get; } = Type;

    /// <inheritdoc />
    public override IReadOnlyList<BoundExpression> Children => Operands;

    /// <summary>A call of <paramref name="function"/> with <paramref name="operands"/>.</summary>
    public static BoundCall Create(FunctionDefinition function, DataType type, params BoundExpression[] operands) =>
        new(function, new NodeList<BoundExpression>(operands), type);

    /// <inheritdoc />
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) =>
        this with { Operands = new NodeList<BoundExpression>(children) };
}
