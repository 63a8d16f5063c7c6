namespace Sluice.Connectors.Kafka.Sink;

/// <summary>How the sink chooses a record's partition (<c>sink.partitioner</c>).</summary>
internal enum SinkPartitioner
{
    Default,
    Fixed,
    RoundRobin,
}
