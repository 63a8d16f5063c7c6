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
            ConnectorOption.Required("properties.bootstrap.servers", OptionType.String, "The Kafka brokers, 'host:port,host:port'."),
            .. KafkaOptions.Properties(),
            ConnectorOption.Required(KafkaOptions.KeyFormat, OptionType.String, "The format of the key (the PRIMARY KEY columns)."),
            ConnectorOption.Required(KafkaOptions.ValueFormat, OptionType.String, "The format of the value."),
            ConnectorOption.Optional(KafkaOptions.KeyFieldsPrefix, OptionType.String,
                "A prefix of the key columns' names that the key format does not see (needs 'value.fields-include' = 'EXCEPT_KEY').", ""),
            ConnectorOption.Choice(KafkaOptions.ValueFieldsInclude,
                "Whether the value holds every physical column ('ALL') or those not in the key ('EXCEPT_KEY').", "ALL", "ALL", "EXCEPT_KEY"),
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
        var (bounded, boundedOffsets, boundedTimestamp) = config.ReadBounded();
        var valueFormat = config.Format(KafkaOptions.ValueFormat);
        var valueOptions = context.GetFormatOptions(valueFormat, KafkaOptions.ValueFormat);
        var keyFormat = config.Format(KafkaOptions.KeyFormat);
        var keyOptions = context.GetFormatOptions(keyFormat, KafkaOptions.KeyFormat);
        var keySchema = layout.KeySchema!;
        valueFormat.CreateDecoder(layout.ValueSchema, valueOptions).Dispose();
        keyFormat.CreateDecoder(keySchema, keyOptions).Dispose();
        var source = new KafkaSource(new KafkaSourceOptions
        {
            TableName = context.TableName,
            Topics = topics,
            TopicPattern = pattern,
            Properties = config.Properties,
            StartupMode = StartupMode.EarliestOffset,
            BoundedMode = bounded,
            BoundedOffsets = boundedOffsets,
            BoundedTimestamp = boundedTimestamp,
            Layout = layout,
            CreateValueDecoder = () => valueFormat.CreateDecoder(layout.ValueSchema, valueOptions),
            CreateKeyDecoder = () => keyFormat.CreateDecoder(keySchema, keyOptions),
            Upsert = true,
        });
        return new TableSource(context.Schema, ChangelogMode.Upsert, new SourceHandle<KafkaSourceSplit>(source));
    }

    /// <inheritdoc />
    public ITableSink CreateSink(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var config = new KafkaTableConfig(context, ConnectorDescriptor);
        var topic = config.ReadSinkTopic();
        var layout = Layout(context, config);
        var (guarantee, prefix, commitLog) = config.ReadDelivery();
        var valueFormat = config.Format(KafkaOptions.ValueFormat);
        var keyFormat = config.Format(KafkaOptions.KeyFormat);
        var sink = new KafkaSink(new KafkaSinkOptions
        {
            TableName = context.TableName,
            Topic = topic,
            Properties = config.Properties,
            Layout = layout,
            ValueEncoder = valueFormat.CreateEncoder(layout.ValueSchema, context.GetFormatOptions(valueFormat, KafkaOptions.ValueFormat)),
            KeyEncoder = keyFormat.CreateEncoder(layout.KeySchema!, context.GetFormatOptions(keyFormat, KafkaOptions.KeyFormat)),
            Upsert = true,
            Guarantee = guarantee,
            TransactionalIdPrefix = prefix,
            CommitLogTopic = commitLog,
        });
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

        var exceptKey = config.Options.GetOptionalChoice(KafkaOptions.ValueFieldsInclude) == "EXCEPT_KEY";
        var prefix = config.Options.GetOptionalString(KafkaOptions.KeyFieldsPrefix) ?? "";
        if (prefix.Length > 0 && !exceptKey)
        {
            throw config.Error(KafkaOptions.KeyFieldsPrefix,
                $"'{KafkaOptions.KeyFieldsPrefix}' needs '{KafkaOptions.ValueFieldsInclude}' = 'EXCEPT_KEY'.");
        }

        return KafkaRowLayout.Create(context, config.Owner, context.PrimaryKey, exceptKey, prefix, "PRIMARY KEY");
    }
}
