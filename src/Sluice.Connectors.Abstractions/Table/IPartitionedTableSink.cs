namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// A capability of a table sink that writes partitions (<c>PARTITIONED BY</c>): how the planner feeds its writers.
/// </summary>
public interface IPartitionedTableSink : ITableSink
{
    /// <summary>
    /// The columns of <see cref="ITableSink.ConsumedSchema"/> by which rows are distributed to the writers (hash), so
    /// that each partition is written by one writer; empty to keep the input's distribution.
    /// </summary>
    IReadOnlyList<int> ShuffleColumns { get; }

    /// <summary>Whether the writers need the watermark (see <see cref="Sink.IWatermarkAwareSinkWriter"/>).</summary>
    bool NeedsWatermarks { get; }
}
