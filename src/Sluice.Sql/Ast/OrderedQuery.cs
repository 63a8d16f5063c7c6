using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A query with <c>ORDER BY</c>, <c>LIMIT</c>/<c>FETCH</c> or <c>OFFSET</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Body">The ordered query.</param>
/// <param name="OrderBy">The ordering; may be empty.</param>
/// <param name="Limit">The row limit (<c>LIMIT n</c> or <c>FETCH FIRST n ROWS ONLY</c>), or null.</param>
/// <param name="Offset">The number of rows skipped, or null.</param>
public sealed record OrderedQuery(
    SourceSpan Span,
    SqlQuery Body,
    NodeList<OrderItem> OrderBy,
    SqlExpression? Limit,
    SqlExpression? Offset)
    : SqlQuery(Span);
