using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A table argument of a table-valued function: <c>TABLE t [PARTITION BY ...] [ORDER BY ...]</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Table">The table name.</param>
/// <param name="PartitionBy">The <c>PARTITION BY</c> keys; empty when absent.</param>
/// <param name="OrderBy">The <c>ORDER BY</c> items; empty when absent.</param>
public sealed record TableArgument(
    SourceSpan Span,
    QualifiedName Table,
    NodeList<SqlExpression> PartitionBy,
    NodeList<OrderItem> OrderBy)
    : SqlExpression(Span);
