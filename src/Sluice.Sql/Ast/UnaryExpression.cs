using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A prefix operator applied to an operand: <c>-x</c>, <c>+x</c>, <c>NOT x</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Operator">The operator.</param>
/// <param name="Operand">The operand.</param>
public sealed record UnaryExpression(
    SourceSpan Span,
    UnaryOperator Operator,
    SqlExpression Operand)
    : SqlExpression(Span);
