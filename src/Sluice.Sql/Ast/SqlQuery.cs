using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// The base of query nodes: <c>SELECT</c>, set operations, <c>VALUES</c>, <c>WITH</c> and <c>ORDER BY</c>/<c>LIMIT</c>.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
public abstract record SqlQuery(SourceSpan Span) : SqlNode(Span);
