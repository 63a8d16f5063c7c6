using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>An element of an array or map: <c>a[1]</c>, <c>m['k']</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Target">The array or map.</param>
/// <param name="Index">The index or key.</param>
public sealed record ItemAccess(SourceSpan Span, SqlExpression Target, SqlExpression Index) : SqlExpression(Span);
