namespace Sluice.Sql.Physical.Planning;

/// <summary>How an unbounded <c>GROUP BY</c> is split into phases (Flink's <c>table.optimizer.agg-phase-strategy</c>).</summary>
public enum AggregatePhaseStrategy
{
    /// <summary>Two phases when mini-batch is enabled and every aggregate call can merge accumulators; else one.</summary>
    Auto,

    /// <summary>Always one keyed aggregate after the hash exchange.</summary>
    OnePhase,

    /// <summary>
    /// A local pre-aggregation before the hash exchange and a global aggregate after it, whenever every call can merge
    /// accumulators (one phase otherwise); without mini-batch the local phase pre-aggregates each input batch.
    /// </summary>
    TwoPhase,
}
