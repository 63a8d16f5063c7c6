using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Kafka.Tests.Support;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Testing.Conformance;

namespace Sluice.Connectors.Kafka.Tests.Conformance;

/// <summary>
/// The sink conformance kit's crash script on the exactly-once kafka and upsert-kafka sinks (read back through the
/// source), the at-least-once sink (which produces at once, as Flink's does, so rows are visible before their
/// checkpoint and may repeat after a crash), and the option checks.
/// </summary>
public sealed class KafkaSinkConformanceTests : IDisposable
{
    private static readonly Schema IdName = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()));

    private readonly MockKafkaCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    private static IReadOnlyList<object?[]> Rows => [.. Enumerable.Range(0, 12).Select(i => new object?[] { (long)i, "n" + i })];

    private TableContext Context(string connector, string topic, params (string Key, string Value)[] extra)
    {
        _cluster.CreateTopic(topic, 2);
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = connector,
            ["topic"] = topic,
            ["properties.bootstrap.servers"] = _cluster.BootstrapServers,
            ["scan.bounded.mode"] = "latest-offset",
        };
        if (connector == "kafka")
        {
            options["format"] = "json";
            options["scan.startup.mode"] = "earliest-offset";
        }
        else
        {
            options["key.format"] = "json";
            options["value.format"] = "json";
        }

        foreach (var (key, value) in extra)
        {
            options[key] = value;
        }

        return KafkaTables.Context(IdName, options, primaryKey: connector == "kafka" ? null : ["id"]);
    }

    /// <summary>What a consumer sees, as <c>[v1, v2]</c>; for an upsert topic, the latest row of each key.</summary>
    private static IReadOnlyList<string> Visible(TableContext context, bool upsert)
    {
        var rows = KafkaTables.ReadAll(KafkaTables.Source(context));
        if (!upsert)
        {
            return [.. rows.Select(r => r[2..])];
        }

        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = row[3..row.IndexOf(',', StringComparison.Ordinal)];
            if (row.StartsWith("-D", StringComparison.Ordinal))
            {
                latest.Remove(key);
            }
            else
            {
                latest[key] = row[2..];
            }
        }

        return [.. latest.Values];
    }

    [Fact]
    public void Exactly_once_kafka_sink_survives_the_crash_script()
    {
        var context = Context("kafka", "conf-eo", ("sink.delivery-guarantee", "exactly-once"), ("sink.transactional-id-prefix", "conf-eo"));

        SinkConformance.SurvivesCrashes(KafkaTables.Registry().CreateSink(context), Rows, () => Visible(context, upsert: false));
    }

    [Fact]
    public void Exactly_once_upsert_kafka_sink_survives_the_crash_script()
    {
        var context = Context("upsert-kafka", "conf-upsert", ("sink.delivery-guarantee", "exactly-once"),
            ("sink.transactional-id-prefix", "conf-upsert"));

        SinkConformance.SurvivesCrashes(KafkaTables.Registry().CreateSink(context), Rows, () => Visible(context, upsert: true));
    }

    [Fact]
    public void At_least_once_kafka_sink_survives_the_crash_script()
    {
        var context = Context("kafka", "conf-alo", ("sink.delivery-guarantee", "at-least-once"));

        SinkConformance.SurvivesCrashes(KafkaTables.Registry().CreateSink(context), Rows, () => Visible(context, upsert: false), SinkGuarantee.AtLeastOnce);
    }

    [Theory]
    [InlineData("scan.startup.mode", "beginning")]
    [InlineData("scan.bounded.mode", "forever")]
    [InlineData("scan.startup.timestamp-millis", "yesterday")]
    [InlineData("scan.topic-partition-discovery.interval", "often")]
    [InlineData("value.fields-include", "SOME")]
    public void Bad_source_options_are_rejected_by_name(string option, string value)
    {
        OptionConformance.RejectsBadSourceOption(KafkaTables.Registry(), Context("kafka", "conf-options"), option, value);
    }

    [Theory]
    [InlineData("sink.delivery-guarantee", "twice")]
    [InlineData("sink.partitioner", "random")]
    [InlineData("sink.transactional-id-prefix", "a/b")]
    public void Bad_sink_options_are_rejected_by_name(string option, string value)
    {
        OptionConformance.RejectsBadSinkOption(KafkaTables.Registry(), Context("kafka", "conf-options"), option, value);
    }
}
