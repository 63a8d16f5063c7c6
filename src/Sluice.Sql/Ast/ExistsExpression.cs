using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>EXISTS (subquery)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Query">The subquery.</param>
public sealed record ExistsExpression(SourceSpan Span, SqlQuery Query) : SqlExpression(Span);
