using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Connectors.Kafka.Table;

/// <summary>The option keys of the <c>kafka</c> and <c>upsert-kafka</c> connectors (Flink's names) and their declarations.</summary>
internal static class KafkaOptions
{
    public const string Topic = "topic";
    public const string TopicPattern = "topic-pattern";
    public const string PropertiesPrefix = "properties.";
    public const string Format = "format";
    public const string KeyFormat = "key.format";
    public const string ValueFormat = "value.format";
    public const string KeyFields = "key.fields";
    public const string KeyFieldsPrefix = "key.fields-prefix";
    public const string ValueFieldsInclude = "value.fields-include";
    public const string StartupMode = "scan.startup.mode";
    public const string StartupSpecificOffsets = "scan.startup.specific-offsets";
    public const string StartupTimestamp = "scan.startup.timestamp-millis";
    public const string BoundedMode = "scan.bounded.mode";
    public const string BoundedSpecificOffsets = "scan.bounded.specific-offsets";
    public const string BoundedTimestamp = "scan.bounded.timestamp-millis";
    public const string DiscoveryInterval = "scan.topic-partition-discovery.interval";
    public const string SinkPartitioner = "sink.partitioner";
    public const string DeliveryGuarantee = "sink.delivery-guarantee";
    public const string SinkSemantic = "sink.semantic";
    public const string TransactionalIdPrefix = "sink.transactional-id-prefix";
    public const string CommitLogTopic = "sink.commit-log-topic";
    public const string SinkParallelism = "sink.parallelism";
    public const string BufferFlushMaxRows = "sink.buffer-flush.max-rows";
    public const string BufferFlushInterval = "sink.buffer-flush.interval";

    /// <summary>The default bookkeeping topic of exactly-once sinks.</summary>
    public const string DefaultCommitLogTopic = "sluice-kafka-sink-commits";

    /// <summary>
    /// The required <c>properties.bootstrap.servers</c>, then <c>properties.*</c>: a key segment <c>#</c> matches one
    /// segment, so librdkafka's dotted keys need one template per depth (<c>properties.bootstrap.servers</c> has two
    /// segments after the prefix).
    /// </summary>
    public static IEnumerable<ConnectorOption> Properties()
    {
        yield return ConnectorOption.Required("properties.bootstrap.servers", OptionType.String, "The Kafka brokers, 'host:port,host:port'.");
        yield return ConnectorOption.Optional("properties.#", OptionType.String,
            "Any librdkafka configuration property, passed on without the 'properties.' prefix " +
            "(e.g. 'properties.bootstrap.servers', 'properties.group.id', 'properties.isolation.level').");
        for (var depth = 2; depth <= 6; depth++)
        {
            yield return ConnectorOption.Optional("properties" + string.Concat(Enumerable.Repeat(".#", depth)), OptionType.String,
                $"A librdkafka property with {depth} dotted segments (see 'properties.#').");
        }
    }

    /// <summary><c>key.fields-prefix</c> and <c>value.fields-include</c>: which columns the value holds.</summary>
    public static IEnumerable<ConnectorOption> ValueFieldsOptions()
    {
        yield return ConnectorOption.Optional(KeyFieldsPrefix, OptionType.String,
            "A prefix of the key columns' names that the key format does not see (needs 'value.fields-include' = 'EXCEPT_KEY').", "");
        yield return ConnectorOption.Choice(ValueFieldsInclude,
            "Whether the value holds every physical column ('ALL') or those not in the key ('EXCEPT_KEY').", "ALL", "ALL", "EXCEPT_KEY");
    }

    public static ConnectorOption BoundedModeOption() => ConnectorOption.Choice(BoundedMode,
        "Where a bounded scan ends, decided when the job starts: 'unbounded' never ends; 'latest-offset' at the end of " +
        "every partition; 'group-offsets' at the committed offsets of 'properties.group.id'; 'timestamp' before the " +
        "first record at or after 'scan.bounded.timestamp-millis'; 'specific-offsets' at 'scan.bounded.specific-offsets'.",
        "unbounded", "unbounded", "latest-offset", "group-offsets", "timestamp", "specific-offsets");

    public static IEnumerable<ConnectorOption> BoundedOptions()
    {
        yield return BoundedModeOption();
        yield return ConnectorOption.Optional(BoundedSpecificOffsets, OptionType.String,
            "End offsets (exclusive) for 'specific-offsets', e.g. 'partition:0,offset:42;partition:1,offset:300'; " +
            "unlisted partitions are read to their end at start.");
        yield return ConnectorOption.Optional(BoundedTimestamp, OptionType.Long, "The end timestamp (epoch milliseconds, exclusive) for 'timestamp'.");
    }

    public static IEnumerable<ConnectorOption> SinkOptions()
    {
        yield return ConnectorOption.Choice(DeliveryGuarantee,
            "'none' produces without waiting; 'at-least-once' waits for every record at each checkpoint; 'exactly-once' " +
            "writes each checkpoint's records in one Kafka transaction when the checkpoint completes.",
            "at-least-once", "none", "at-least-once", "exactly-once");
        yield return ConnectorOption.Choice(SinkSemantic, "Flink's older name of 'sink.delivery-guarantee' (used when that is not set).",
            null, "none", "at-least-once", "exactly-once");
        yield return ConnectorOption.Optional(TransactionalIdPrefix, OptionType.String,
            "Required for 'exactly-once': the prefix of the sink's transactional ids and commit-log keys; unique per job and sink.");
        yield return ConnectorOption.Optional(CommitLogTopic, OptionType.String,
            "Exactly-once only: the topic where each commit records which checkpoint it belongs to (one record per commit; " +
            "a compacted topic is enough).", DefaultCommitLogTopic);
        yield return ConnectorOption.Optional(SinkParallelism, OptionType.Int, "Accepted for compatibility: the sink runs at the job's parallelism.");
    }
}
