namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// The state of one group (or one group and window, or one partition of an over window): the net number of rows
/// (additions minus retractions, filters ignored), the next arrival order number, and one accumulator per aggregate
/// call, created and interpreted by the <see cref="Aggregator"/> that made the set. Mutable; task thread only.
/// </summary>
internal sealed class AccumulatorSet
{
    public AccumulatorSet(object[] accumulators) => Accumulators = accumulators;

    /// <summary>The net number of rows.</summary>
    public long RowCount { get; set; }

    /// <summary>The order number the next accumulated row gets (see <see cref="AggregateFunction"/>).</summary>
    public long NextOrder { get; set; }

    /// <summary>One accumulator per call.</summary>
    public object[] Accumulators { get; }
}
