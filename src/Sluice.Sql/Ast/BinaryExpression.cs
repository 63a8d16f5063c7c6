using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// An infix operator applied to two operands, e.g. <c>a + b</c>, <c>a AND b</c>, <c>a IS DISTINCT FROM b</c>.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Operator">The operator.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
public sealed record BinaryExpression(
    SourceSpan Span,
    BinaryOperator Operator,
    SqlExpression Left,
    SqlExpression Right)
    : SqlExpression(Span);
