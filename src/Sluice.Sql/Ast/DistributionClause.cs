using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// Flink 2's bucketing clause: <c>DISTRIBUTED BY [HASH | RANGE] (col, ...) [INTO n BUCKETS]</c> or
/// <c>DISTRIBUTED INTO n BUCKETS</c>.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Kind">The algorithm; <see cref="DistributionKind.Unknown"/> when none is named.</param>
/// <param name="Columns">The bucket key columns (empty for <c>DISTRIBUTED INTO n BUCKETS</c>).</param>
/// <param name="BucketCount">The number of buckets (an integer literal, checked when the statement runs), or null.</param>
public sealed record DistributionClause(SourceSpan Span, DistributionKind Kind, NodeList<Identifier> Columns, NumericLiteral? BucketCount)
    : SqlNode(Span);
