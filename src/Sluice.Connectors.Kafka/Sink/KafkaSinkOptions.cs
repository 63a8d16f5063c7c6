using Sluice.Connectors.Abstractions.Formats;
using Sluice.Connectors.Kafka.Table;

namespace Sluice.Connectors.Kafka.Sink;

/// <summary>The configuration of a <see cref="KafkaSink"/>, parsed from a table's options. Immutable.</summary>
internal sealed record KafkaSinkOptions
{
    /// <summary>The table's name, for messages.</summary>
    public required string TableName { get; init; }

    /// <summary>The topic written to.</summary>
    public required string Topic { get; init; }

    /// <summary>The librdkafka properties (<c>properties.*</c> without the prefix).</summary>
    public required IReadOnlyDictionary<string, string> Properties { get; init; }

    /// <summary>Where the columns go in a record.</summary>
    public required KafkaRowLayout Layout { get; init; }

    /// <summary>Encodes the value columns.</summary>
    public required IBatchEncoder ValueEncoder { get; init; }

    /// <summary>Encodes the key columns, or null without key fields.</summary>
    public IBatchEncoder? KeyEncoder { get; init; }

    /// <summary>True for <c>upsert-kafka</c>: <c>-D</c> writes a tombstone and <c>-U</c> is dropped.</summary>
    public bool Upsert { get; init; }

    /// <summary>The delivery guarantee.</summary>
    public DeliveryGuarantee Guarantee { get; init; } = DeliveryGuarantee.AtLeastOnce;

    /// <summary>How partitions are chosen.</summary>
    public SinkPartitioner Partitioner { get; init; } = SinkPartitioner.Default;

    /// <summary>The prefix of transactional ids and commit-log keys (exactly-once only).</summary>
    public string TransactionalIdPrefix { get; init; } = "";

    /// <summary>The bookkeeping topic of exactly-once commits.</summary>
    public string CommitLogTopic { get; init; } = KafkaOptions.DefaultCommitLogTopic;

    /// <summary>How long a flush, a metadata request or a transaction step may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
