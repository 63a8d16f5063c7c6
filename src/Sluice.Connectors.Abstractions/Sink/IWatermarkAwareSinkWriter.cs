namespace Sluice.Connectors.Abstractions.Sink;

/// <summary>
/// A capability of a sink writer: it is told the watermark of its subtask (for example to commit the partitions of a
/// file sink by partition time). The SQL planner forwards watermarks to the writers of sinks that ask for them
/// (<see cref="Table.IPartitionedTableSink.NeedsWatermarks"/>). Called on the sink task's thread only.
/// </summary>
public interface IWatermarkAwareSinkWriter
{
    /// <summary>The subtask's watermark advanced to <paramref name="timestamp"/> (epoch milliseconds).</summary>
    void OnWatermark(long timestamp);
}
