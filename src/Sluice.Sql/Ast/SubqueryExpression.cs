using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A scalar subquery <c>(SELECT ...)</c> used as a value.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Query">The subquery.</param>
public sealed record SubqueryExpression(SourceSpan Span, SqlQuery Query) : SqlExpression(Span);
