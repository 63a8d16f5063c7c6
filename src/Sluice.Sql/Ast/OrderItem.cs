using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>An <c>ORDER BY</c> item: <c>expr [ASC|DESC] [NULLS FIRST|LAST]</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Expression">The sort key.</param>
/// <param name="Direction">The direction as written.</param>
/// <param name="Nulls">Where nulls go, as written.</param>
public sealed record OrderItem(
    SourceSpan Span,
    SqlExpression Expression,
    SortDirection Direction,
    NullOrdering Nulls)
    : SqlNode(Span);
