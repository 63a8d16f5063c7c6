using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>ARRAY[e1, e2, ...]</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Elements">The elements; may be empty.</param>
public sealed record ArrayConstructor(SourceSpan Span, NodeList<SqlExpression> Elements) : SqlExpression(Span);
