using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>The empty grouping set <c>()</c> in <c>GROUP BY</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
public sealed record EmptyGroupingSet(SourceSpan Span) : SqlExpression(Span);
