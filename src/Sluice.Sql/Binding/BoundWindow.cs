using Sluice.Sql.Ast;

namespace Sluice.Sql.Binding;

/// <summary>The resolved <c>OVER (PARTITION BY ... ORDER BY ... frame)</c> of a window call.</summary>
/// <param name="PartitionKeys">The partition keys.</param>
/// <param name="OrderKeys">The order keys.</param>
/// <param name="Frame">The frame (the SQL default when none is written).</param>
public sealed record BoundWindow(NodeList<BoundExpression> PartitionKeys, NodeList<BoundSortKey> OrderKeys, BoundFrame Frame);
