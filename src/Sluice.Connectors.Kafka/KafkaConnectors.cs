using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Kafka.Table;

namespace Sluice.Connectors.Kafka;

/// <summary>Registers the <c>kafka</c> and <c>upsert-kafka</c> table connectors.</summary>
public static class KafkaConnectors
{
    /// <summary>Adds both Kafka connectors (source and sink) to <paramref name="registry"/>.</summary>
    public static ConnectorRegistry AddKafkaConnectors(this ConnectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Add(new KafkaTableFactory()).Add(new UpsertKafkaTableFactory());
    }
}
