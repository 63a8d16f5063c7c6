using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Kafka.Table;
using Sluice.Connectors.Kafka.Tests.Support;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Connectors.Kafka.Tests.Table;

/// <summary>Option validation of both Kafka connectors: every error names the option (no cluster needed).</summary>
public sealed class KafkaTableFactoryTests
{
    private static readonly Schema IdName = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()));

    private static Dictionary<string, string> Kafka(params (string Key, string? Value)[] changes)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "kafka",
            ["topic"] = "t",
            ["properties.bootstrap.servers"] = "localhost:9092",
            ["properties.group.id"] = "g",
            ["format"] = "json",
        };
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                options.Remove(key);
            }
            else
            {
                options[key] = value;
            }
        }

        return options;
    }

    private static TableOptionException SourceError(Dictionary<string, string> options, IReadOnlyList<string>? primaryKey = null,
        IReadOnlyDictionary<string, string>? metadata = null) =>
        Assert.Throws<TableOptionException>(() => KafkaTables.Registry().CreateSource(KafkaTables.Context(IdName, options, primaryKey, metadata)));

    private static TableOptionException SinkError(Dictionary<string, string> options) =>
        Assert.Throws<TableOptionException>(() => KafkaTables.Registry().CreateSink(KafkaTables.Context(IdName, options)));

    [Fact]
    public void Flink_style_options_with_librdkafka_properties_of_any_depth_are_accepted()
    {
        var options = Kafka(("properties.ssl.endpoint.identification.algorithm", "none"), ("properties.client.id", "c"),
            ("scan.startup.mode", "earliest-offset"), ("scan.bounded.mode", "latest-offset"), ("json.ignore-parse-errors", "true"),
            ("scan.topic-partition-discovery.interval", "10 s"), ("sink.partitioner", "round-robin"));

        var source = KafkaTables.Registry().CreateSource(KafkaTables.Context(IdName, options));
        var sink = KafkaTables.Registry().CreateSink(KafkaTables.Context(IdName, options));

        Assert.Equal(ChangelogMode.InsertOnly, source.ChangelogMode);
        Assert.Equal(Connectors.Abstractions.Source.Boundedness.Bounded, source.Source.Boundedness);
        Assert.Equal(ChangelogMode.InsertOnly, sink.AcceptedChangelogMode);
    }

    [Fact]
    public void A_misspelled_option_is_named_with_a_suggestion()
    {
        var error = SourceError(Kafka(("scan.startup.mod", "earliest-offset")));

        Assert.Equal("scan.startup.mod", error.OptionKey);
        Assert.Contains("Did you mean 'scan.startup.mode'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_enumeration_value_names_the_option()
    {
        Assert.Equal("sink.delivery-guarantee", SinkError(Kafka(("sink.delivery-guarantee", "twice"))).OptionKey);
        Assert.Equal("scan.startup.mode", SourceError(Kafka(("scan.startup.mode", "beginning"))).OptionKey);
    }

    [Fact]
    public void Missing_brokers_are_named()
    {
        Assert.Equal("properties.bootstrap.servers", SourceError(Kafka(("properties.bootstrap.servers", null))).OptionKey);
    }

    [Theory]
    [InlineData("scan.startup.mode", "specific-offsets", "scan.startup.specific-offsets")]
    [InlineData("scan.startup.mode", "timestamp", "scan.startup.timestamp-millis")]
    [InlineData("scan.bounded.mode", "specific-offsets", "scan.bounded.specific-offsets")]
    [InlineData("scan.bounded.mode", "timestamp", "scan.bounded.timestamp-millis")]
    public void A_mode_without_its_companion_option_names_the_companion(string mode, string value, string companion)
    {
        var error = SourceError(Kafka((mode, value)));

        Assert.Equal(companion, error.OptionKey);
        Assert.Contains(companion, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_specific_offsets_are_named()
    {
        var error = SourceError(Kafka(("scan.startup.mode", "specific-offsets"), ("scan.startup.specific-offsets", "partition:0;offset:3")));

        Assert.Equal("scan.startup.specific-offsets", error.OptionKey);
    }

    [Fact]
    public void Group_offsets_without_a_group_name_the_group_property()
    {
        Assert.Equal("properties.group.id", SourceError(Kafka(("properties.group.id", null))).OptionKey);
    }

    [Fact]
    public void Topic_and_pattern_together_or_neither_are_rejected()
    {
        Assert.Equal("topic-pattern", SourceError(Kafka(("topic-pattern", "t.*"))).OptionKey);
        Assert.Equal("topic", SourceError(Kafka(("topic", null))).OptionKey);
    }

    [Fact]
    public void A_sink_writes_one_topic()
    {
        Assert.Equal("topic", SinkError(Kafka(("topic", "a;b"))).OptionKey);
    }

    [Fact]
    public void Exactly_once_without_a_prefix_names_the_prefix_option()
    {
        var error = SinkError(Kafka(("sink.delivery-guarantee", "exactly-once")));

        Assert.Equal("sink.transactional-id-prefix", error.OptionKey);
        Assert.Contains("exactly-once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flinks_older_sink_semantic_option_chooses_the_guarantee_too()
    {
        var error = SinkError(Kafka(("sink.semantic", "exactly-once")));

        Assert.Equal("sink.transactional-id-prefix", error.OptionKey);
        Assert.Contains("'sink.semantic' = 'exactly-once'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_options_need_each_other_and_name_real_columns()
    {
        Assert.Equal("key.format", SourceError(Kafka(("key.fields", "id"))).OptionKey);
        Assert.Equal("key.fields", SourceError(Kafka(("key.format", "json"))).OptionKey);
        Assert.Equal("key.fields", SourceError(Kafka(("key.format", "json"), ("key.fields", "nope"))).OptionKey);
        Assert.Equal("key.fields-prefix", SourceError(Kafka(("key.format", "json"), ("key.fields", "id"), ("key.fields-prefix", "k_"))).OptionKey);
        Assert.Equal("value.format", SourceError(Kafka(("value.format", "json"))).OptionKey);
    }

    [Fact]
    public void An_unknown_metadata_key_names_the_column_and_the_available_keys()
    {
        var error = SourceError(Kafka(), metadata: new Dictionary<string, string> { ["name"] = "leader" });

        Assert.Contains("'leader'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'headers'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Upsert_kafka_needs_a_primary_key_and_both_formats()
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "upsert-kafka",
            ["topic"] = "t",
            ["properties.bootstrap.servers"] = "localhost:9092",
            ["key.format"] = "json",
            ["value.format"] = "json",
        };
        var error = SourceError(options);
        Assert.Contains("PRIMARY KEY", error.Message, StringComparison.Ordinal);

        options.Remove("key.format");
        Assert.Equal("key.format", SourceError(options, primaryKey: ["id"]).OptionKey);

        options["key.format"] = "json";
        var source = KafkaTables.Registry().CreateSource(KafkaTables.Context(IdName, options, primaryKey: ["id"]));
        Assert.Equal(ChangelogMode.Upsert, source.ChangelogMode);
        Assert.Equal(ChangelogMode.Upsert, KafkaTables.Registry().CreateSink(KafkaTables.Context(IdName, options, primaryKey: ["id"])).AcceptedChangelogMode);
    }

    [Fact]
    public void Every_option_is_documented_in_the_descriptor()
    {
        var markdown = KafkaTableFactory.ConnectorDescriptor.ToMarkdown() + UpsertKafkaTableFactory.ConnectorDescriptor.ToMarkdown();

        foreach (var key in new[] { "topic-pattern", "scan.bounded.mode", "sink.transactional-id-prefix", "value.fields-include", "sink.commit-log-topic" })
        {
            Assert.Contains("`" + key + "`", markdown, StringComparison.Ordinal);
        }
    }
}
