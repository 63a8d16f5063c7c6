using System.Text;
using Sluice.Core.Schemas;
using Sluice.Sql.Ast;

namespace Sluice.Sql.Catalog;

/// <summary>
/// A table's bucketing (Flink 2's <c>DISTRIBUTED BY</c>, <c>TableDistribution</c>): the algorithm, the bucket key
/// columns and the number of buckets, each optional. Only a sink that supports bucketing can write such a table;
/// reading it is unaffected. Immutable.
/// </summary>
/// <param name="Kind">The algorithm; <see cref="DistributionKind.Unknown"/> leaves it to the connector.</param>
/// <param name="BucketKeys">The bucket key columns (physical columns of the table), in order; may be empty.</param>
/// <param name="BucketCount">The number of buckets (at least 1), or null to leave it to the connector.</param>
public sealed record TableDistribution(DistributionKind Kind, IReadOnlyList<string> BucketKeys, int? BucketCount)
{
    /// <summary>
    /// The clause as Flink prints it in <c>SHOW CREATE TABLE</c>: <c>DISTRIBUTED INTO 4 BUCKETS</c> without keys,
    /// else <c>DISTRIBUTED BY HASH(`k`) INTO 4 BUCKETS</c> (the algorithm omitted when unknown, then a space before the
    /// parenthesis).
    /// </summary>
    public override string ToString()
    {
        if (BucketKeys.Count == 0 && BucketCount is > 0)
        {
            return $"DISTRIBUTED INTO {BucketCount} BUCKETS";
        }

        var builder = new StringBuilder("DISTRIBUTED BY ");
        if (Kind != DistributionKind.Unknown)
        {
            builder.Append(Kind.ToString().ToUpperInvariant());
        }

        builder.Append('(');
        for (var i = 0; i < BucketKeys.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            Field.AppendQuotedName(builder, BucketKeys[i]);
        }

        builder.Append(')');
        if (BucketCount is > 0)
        {
            builder.Append(" INTO ").Append(BucketCount).Append(" BUCKETS");
        }

        return builder.ToString();
    }

    /// <summary>True when both have the same kind, keys and count.</summary>
    public bool Equals(TableDistribution? other) =>
        other is not null && Kind == other.Kind && BucketCount == other.BucketCount && BucketKeys.SequenceEqual(other.BucketKeys, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, BucketCount, BucketKeys.Count);
}
