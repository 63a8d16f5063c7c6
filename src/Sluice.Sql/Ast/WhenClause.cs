using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>One <c>WHEN condition THEN result</c> branch of a <see cref="CaseExpression"/>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Condition">The condition (or the compared value of a simple <c>CASE</c>).</param>
/// <param name="Result">The result.</param>
public sealed record WhenClause(SourceSpan Span, SqlExpression Condition, SqlExpression Result) : SqlNode(Span);
