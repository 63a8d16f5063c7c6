using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Kafka.Sink;
using Sluice.Connectors.Kafka.Source;

namespace Sluice.Connectors.Kafka.Table;

/// <summary>
/// The <c>upsert-kafka</c> table connector: a topic as a table keyed by its <c>PRIMARY KEY</c> (the record key). The
/// source reads from the earliest offset and emits an upsert changelog (<c>+I</c> for a record with value, <c>-D</c>
/// for a tombstone); the sink writes <c>+I</c>/<c>+U</c> as values and <c>-D</c> as tombstones, and drops <c>-U</c>.
/// Flink's option names; see docs/reference/kafka.md.
/// </summary>
public sealed class UpsertKafkaTableFactory : ITableSourceFactory, ITableSinkFactory
{
    /// <summary>The connector's name.</summary>
    public const string ConnectorName = "upsert-kafka";

    /// <summary>The descriptor of the connector's options.</summary>
    public static ConnectorDescriptor ConnectorDescriptor { get; } = new(ConnectorName, DescriptorKind.Connector,
        "A Kafka topic as an upsert table keyed by the record key (the table's PRIMARY KEY).",
        [
            ConnectorOption.Required(KafkaOptions.Topic, OptionType.String, "The topic to read or write."),
            .. KafkaOptions.Properties(),
            ConnectorOption.Required(KafkaOptions.KeyFormat, OptionType.String, "The format of the key (the PRIMARY KEY columns)."),
            ConnectorOption.Required(KafkaOptions.ValueFormat, OptionType.String, "The format of the value."),
            .. KafkaOptions.ValueFieldsOptions(),
            .. KafkaOptions.BoundedOptions(),
            ConnectorOption.Optional(KafkaOptions.BufferFlushMaxRows, OptionType.Int, "Accepted for compatibility: rows are not buffered by key."),
            ConnectorOption.Optional(KafkaOptions.BufferFlushInterval, OptionType.Duration, "Accepted for compatibility: rows are not buffered by key."),
            .. KafkaOptions.SinkOptions(),
        ],
        formatKeys: [KafkaOptions.KeyFormat, KafkaOptions.ValueFormat]);

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
        var layout = Layout(context, config);
        var (options, _) = config.ReadSource(topics, pattern, layout, KafkaOptions.ValueFormat);
        var source = new KafkaSource(options with { StartupMode = StartupMode.EarliestOffset, Upsert = true });
        return new TableSource(context.Schema, ChangelogMode.Upsert, new SourceHandle<KafkaSourceSplit>(source));
    }

    /// <inheritdoc />
    public ITableSink CreateSink(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var config = new KafkaTableConfig(context, ConnectorDescriptor);
        var topic = config.ReadSinkTopic();
        var layout = Layout(context, config);
        var (options, _) = config.ReadSink(topic, layout, KafkaOptions.ValueFormat);
        var sink = new KafkaSink(options with { Upsert = true });
        return new TableSink(context.Schema, ChangelogMode.Upsert, new SinkHandle<KafkaCommittable>(sink));
    }

    private static KafkaRowLayout Layout(TableContext context, KafkaTableConfig config)
    {
        if (context.PrimaryKey.Count == 0)
        {
            throw new TableOptionException(
                $"Table '{context.TableName}' uses connector '{ConnectorName}', which needs a PRIMARY KEY (the columns of the record key): " +
                "declare 'PRIMARY KEY (...) NOT ENFORCED'.", null, config.Owner);
        }

        return config.ReadLayout(context.PrimaryKey, "PRIMARY KEY");
    }
}
