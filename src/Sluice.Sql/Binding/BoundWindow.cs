using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Binding;

/// <summary>The resolved <c>OVER (PARTITION BY ... ORDER BY ... frame)</c> of a window call.</summary>
/// <param name="PartitionKeys">The partition keys.</param>
/// <param name="OrderKeys">The order keys.</param>
/// <param name="Frame">The frame (the SQL default when none is written).</param>
public sealed record BoundWindow(NodeList<BoundExpression> PartitionKeys, NodeList<BoundSortKey> OrderKeys, BoundFrame Frame)
{
    /// <summary>
    /// Where the window is written (its <c>OVER (...)</c>), for errors found after binding (what execution cannot run);
    /// not part of equality, so calls over equal windows written in different places share one window.
    /// </summary>
    public SourceSpan Span { get; init; }

    /// <summary>Equal partition keys, order keys and frame (the <see cref="Span"/> is ignored).</summary>
    public bool Equals(BoundWindow? other) =>
        other is not null && PartitionKeys.Equals(other.PartitionKeys) && OrderKeys.Equals(other.OrderKeys) && Frame.Equals(other.Frame);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(PartitionKeys, OrderKeys, Frame);
}
