using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Kafka.Sink;
using Sluice.Connectors.Kafka.Source;

namespace Sluice.Connectors.Kafka.Table;

/// <summary>
/// The <c>kafka</c> table connector (<c>'connector' = 'kafka'</c>): reads topics into rows of a value format (and
/// optionally a key format), and writes rows to a topic with the delivery guarantee of
/// <c>sink.delivery-guarantee</c>. Flink's option names; see docs/reference/kafka.md.
/// </summary>
/// <remarks>
/// The source produces, and the sink accepts, the row kinds of the value format: insert-only for csv/json/raw, every
/// kind for debezium-json.
/// </remarks>
public sealed class KafkaTableFactory : ITableSourceFactory, ITableSinkFactory
{
    /// <summary>The connector's name.</summary>
    public const string ConnectorName = "kafka";

    /// <summary>The descriptor of the connector's options.</summary>
    public static ConnectorDescriptor ConnectorDescriptor { get; } = new(ConnectorName, DescriptorKind.Connector,
        "Reads Kafka topics and writes a Kafka topic, through librdkafka.",
        [
            ConnectorOption.Optional(KafkaOptions.Topic, OptionType.String,
                "The topic to read or write; a source reads several given as 'a;b'. Either this or 'topic-pattern'."),
            ConnectorOption.Optional(KafkaOptions.TopicPattern, OptionType.String,
                "A source reads every topic whose whole name matches this regular expression (and new ones, with discovery)."),
            .. KafkaOptions.Properties(),
            ConnectorOption.Optional(KafkaOptions.Format, OptionType.String, "The value format ('json', 'csv', 'raw', 'debezium-json', ...); or use 'value.format'."),
            ConnectorOption.Optional(KafkaOptions.KeyFormat, OptionType.String, "The key format; needs 'key.fields'."),
            ConnectorOption.Optional(KafkaOptions.ValueFormat, OptionType.String, "The value format (same as 'format')."),
            ConnectorOption.Optional(KafkaOptions.KeyFields, OptionType.String, "The columns of the key, in key order, separated by ';'."),
            .. KafkaOptions.ValueFieldsOptions(),
            ConnectorOption.Choice(KafkaOptions.StartupMode,
                "Where a fresh scan starts in each partition: 'group-offsets' (the committed offsets of 'properties.group.id', else " +
                "'properties.auto.offset.reset', else the earliest), 'earliest-offset', 'latest-offset', 'timestamp' or 'specific-offsets'.",
                "group-offsets", "earliest-offset", "latest-offset", "group-offsets", "timestamp", "specific-offsets"),
            ConnectorOption.Optional(KafkaOptions.StartupSpecificOffsets, OptionType.String,
                "Start offsets for 'specific-offsets', e.g. 'partition:0,offset:42;partition:1,offset:300'; unlisted partitions start at the earliest."),
            ConnectorOption.Optional(KafkaOptions.StartupTimestamp, OptionType.Long, "The start timestamp (epoch milliseconds) for 'timestamp'."),
            .. KafkaOptions.BoundedOptions(),
            ConnectorOption.Optional(KafkaOptions.DiscoveryInterval, OptionType.Duration,
                "How often an unbounded scan looks for new partitions of its topics (and new topics of its pattern); '0' turns it off.", "5 min"),
            ConnectorOption.Choice(KafkaOptions.SinkPartitioner,
                "'default': by the key's murmur2 hash (as Kafka's Java client), records without key spread; 'fixed': each sink subtask " +
                "writes to one partition; 'round-robin': records go to the partitions in turn.",
                "default", "default", "fixed", "round-robin"),
            .. KafkaOptions.SinkOptions(),
        ],
        formatKeys: [KafkaOptions.Format, KafkaOptions.KeyFormat, KafkaOptions.ValueFormat]);

    /// <inheritdoc />
    public string Name => ConnectorName;

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor => ConnectorDescriptor;

    /// <inheritdoc />
    public ITableSource CreateSource(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var config = new KafkaTableConfig(context, ConnectorDescriptor);
        var (topics, pattern) = config.ReadTopics();
        var (layout, valueKey) = Layout(context, config);
        var (startup, startupOffsets, startupTimestamp) = config.ReadStartup(StartupMode.GroupOffsets);
        var (options, valueFormat) = config.ReadSource(topics, pattern, layout, valueKey);
        var source = new KafkaSource(options with
        {
            StartupMode = startup,
            StartupOffsets = startupOffsets,
            StartupTimestamp = startupTimestamp,
            DiscoveryInterval = config.ReadDiscoveryInterval(),
        });
        return new TableSource(context.Schema, valueFormat.ChangelogMode, new SourceHandle<KafkaSourceSplit>(source));
    }

    /// <inheritdoc />
    public ITableSink CreateSink(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var config = new KafkaTableConfig(context, ConnectorDescriptor);
        var topic = config.ReadSinkTopic();
        var (layout, valueKey) = Layout(context, config);
        var (options, valueFormat) = config.ReadSink(topic, layout, valueKey);
        var partitioner = config.Options.GetOptionalChoice(KafkaOptions.SinkPartitioner) switch
        {
            "fixed" => SinkPartitioner.Fixed,
            "round-robin" => SinkPartitioner.RoundRobin,
            _ => SinkPartitioner.Default,
        };
        var sink = new KafkaSink(options with { Partitioner = partitioner });
        return new TableSink(context.Schema, valueFormat.ChangelogMode, new SinkHandle<KafkaCommittable>(sink));
    }

    private static (KafkaRowLayout Layout, string ValueFormatKey) Layout(TableContext context, KafkaTableConfig config)
    {
        var format = context.GetOption(KafkaOptions.Format);
        var valueFormat = context.GetOption(KafkaOptions.ValueFormat);
        if (format is not null && valueFormat is not null)
        {
            throw config.Error(KafkaOptions.ValueFormat, $"set either '{KafkaOptions.Format}' or '{KafkaOptions.ValueFormat}', not both.");
        }

        if (format is null && valueFormat is null)
        {
            throw config.Error(KafkaOptions.Format, $"the option '{KafkaOptions.Format}' (or '{KafkaOptions.ValueFormat}') is required.");
        }

        var keyFields = (context.GetOption(KafkaOptions.KeyFields) ?? "")
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var hasKeyFormat = context.GetOption(KafkaOptions.KeyFormat) is not null;
        if (keyFields.Length > 0 && !hasKeyFormat)
        {
            throw config.Error(KafkaOptions.KeyFormat, $"'{KafkaOptions.KeyFields}' needs '{KafkaOptions.KeyFormat}'.");
        }

        if (hasKeyFormat && keyFields.Length == 0)
        {
            throw config.Error(KafkaOptions.KeyFields, $"'{KafkaOptions.KeyFormat}' needs '{KafkaOptions.KeyFields}'.");
        }

        return (config.ReadLayout(keyFields, KafkaOptions.KeyFields), format is not null ? KafkaOptions.Format : KafkaOptions.ValueFormat);
    }
}
