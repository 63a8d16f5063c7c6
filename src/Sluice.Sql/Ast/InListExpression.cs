using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>x [NOT] IN (v1, v2, ...)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Operand">The tested value.</param>
/// <param name="Values">The list; never empty.</param>
/// <param name="IsNegated">True for <c>NOT IN</c>.</param>
public sealed record InListExpression(
    SourceSpan Span,
    SqlExpression Operand,
    NodeList<SqlExpression> Values,
    bool IsNegated)
    : SqlExpression(Span);
