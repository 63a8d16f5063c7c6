namespace Sluice.Sql.Ast;

/// <summary>The algorithm of a <see cref="DistributionClause"/>, as Flink's <c>TableDistribution.Kind</c>.</summary>
public enum DistributionKind
{
    /// <summary>No algorithm named (<c>DISTRIBUTED BY (cols)</c> or <c>DISTRIBUTED INTO n BUCKETS</c>): the connector chooses.</summary>
    Unknown,

    /// <summary><c>HASH</c>.</summary>
    Hash,

    /// <summary><c>RANGE</c>.</summary>
    Range,
}
