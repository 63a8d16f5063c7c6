using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// A window: <c>([base] [PARTITION BY ...] [ORDER BY ...] [frame])</c>, or <c>OVER w</c> (only <paramref
/// name="BaseWindow"/> set).
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="BaseWindow">The named window this one refines, if any.</param>
/// <param name="PartitionBy">The partition keys.</param>
/// <param name="OrderBy">The ordering.</param>
/// <param name="Frame">The frame, if written.</param>
public sealed record WindowSpecification(
    SourceSpan Span,
    Identifier? BaseWindow,
    NodeList<SqlExpression> PartitionBy,
    NodeList<OrderItem> OrderBy,
    WindowFrame? Frame)
    : SqlNode(Span)
{
    /// <summary>True when the window is a bare reference to a named window (<c>OVER w</c>).</summary>
    public bool IsReference => BaseWindow is not null && PartitionBy.Count == 0 && OrderBy.Count == 0 && Frame is null;
}
