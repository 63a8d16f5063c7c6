using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// <c>CASE [operand] WHEN ... THEN ... [ELSE ...] END</c> (simple when <paramref name="Operand"/> is set, searched
/// otherwise).
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Operand">The compared value of a simple <c>CASE</c>, or null for a searched <c>CASE</c>.</param>
/// <param name="WhenClauses">The <c>WHEN</c> branches; never empty.</param>
/// <param name="Else">The <c>ELSE</c> result, if written.</param>
public sealed record CaseExpression(
    SourceSpan Span,
    SqlExpression? Operand,
    NodeList<WhenClause> WhenClauses,
    SqlExpression? Else)
    : SqlExpression(Span);
