using Sluice.Connectors.Abstractions.Source;

namespace Sluice.Connectors.Kafka.Source;

/// <summary>A split of the Kafka source: a partition (<see cref="KafkaPartitionSplit"/>) or a discovery slot (<see cref="KafkaDiscoverySplit"/>).</summary>
public abstract record KafkaSourceSplit : ISourceSplit
{
    /// <inheritdoc />
    public abstract string SplitId { get; }

    /// <summary>Serializes the splits into checkpoints.</summary>
    public static KafkaSplitSerializer Serializer { get; } = new();
}
