using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>x [NOT] IN (subquery)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Operand">The tested value (a row constructor for multi-column tests).</param>
/// <param name="Query">The subquery.</param>
/// <param name="IsNegated">True for <c>NOT IN</c>.</param>
public sealed record InSubqueryExpression(
    SourceSpan Span,
    SqlExpression Operand,
    SqlQuery Query,
    bool IsNegated)
    : SqlExpression(Span);
