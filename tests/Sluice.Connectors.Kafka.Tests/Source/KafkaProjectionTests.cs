using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Kafka.Tests.Support;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Connectors.Kafka.Tests.Source;

/// <summary>
/// Projection pushdown into the Kafka source (<see cref="TableContext.Reads"/>): a json value decodes only the fields the
/// job reads, so a field it does not read may hold what would not decode, and its column stays NULL.
/// </summary>
public sealed class KafkaProjectionTests : IDisposable
{
    private static readonly Schema Schema = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()),
        new Field("price", DataTypes.Int()));

    private readonly MockKafkaCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    private Dictionary<string, string> Options(string connector, string topic, params (string Key, string Value)[] extra)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = connector,
            ["topic"] = topic,
            ["properties.bootstrap.servers"] = _cluster.BootstrapServers,
            ["scan.bounded.mode"] = "latest-offset",
        };
        foreach (var (key, value) in extra)
        {
            options[key] = value;
        }

        return options;
    }

    /// <summary>Reads of the columns whose index is in <paramref name="columns"/> (as a whole).</summary>
    private static ColumnReads Reads(params int[] columns) =>
        new(Schema.Count, [.. Enumerable.Range(0, Schema.Count).Select(columns.Contains)], [.. Enumerable.Range(0, Schema.Count).Select(_ => (IReadOnlySet<int>?)null)]);

    private void ProduceWithABadPrice(string topic, bool keyed)
    {
        _cluster.CreateTopic(topic, 1);
        _cluster.Produce(topic,
        [
            new TestRecord(keyed ? """{"id":1}""" : null, """{"id":1,"name":"a","price":"not a number"}"""),
            new TestRecord(keyed ? """{"id":2}""" : null, """{"id":2,"name":"b","price":{"nested":[1,2]}}"""),
        ]);
    }

    [Fact]
    public void Kafka_json_value_skips_the_fields_the_job_does_not_read()
    {
        ProduceWithABadPrice("p-kafka", keyed: false);
        var options = Options("kafka", "p-kafka", ("format", "json"), ("scan.startup.mode", "earliest-offset"));

        var rows = KafkaTables.ReadAll(KafkaTables.Source(KafkaTables.Context(Schema, options) with { Reads = Reads(0, 1) }));

        Assert.Equal(["+I[1, a, null]", "+I[2, b, null]"], rows);
        // Reading the price too decodes it, and the bad values fail the read.
        Assert.ThrowsAny<Exception>(() => KafkaTables.ReadAll(KafkaTables.Source(KafkaTables.Context(Schema, options) with { Reads = Reads(0, 1, 2) })));
        Assert.ThrowsAny<Exception>(() => KafkaTables.ReadAll(KafkaTables.Source(KafkaTables.Context(Schema, options))));
    }

    [Fact]
    public void Upsert_kafka_reading_only_the_key_decodes_the_key_and_one_value_field()
    {
        ProduceWithABadPrice("p-upsert", keyed: true);
        var options = Options("upsert-kafka", "p-upsert", ("key.format", "json"), ("value.format", "json"));

        var rows = KafkaTables.ReadAll(KafkaTables.Source(KafkaTables.Context(Schema, options, ["id"]) with { Reads = Reads(0) }));

        Assert.Equal(["+I[1, null, null]", "+I[2, null, null]"], rows);
    }

    [Fact]
    public void A_value_format_without_field_names_decodes_every_field()
    {
        _cluster.CreateTopic("p-csv", 1);
        _cluster.Produce("p-csv", [new TestRecord(null, "1,a,5")]);
        var options = Options("kafka", "p-csv", ("format", "csv"), ("scan.startup.mode", "earliest-offset"));

        var rows = KafkaTables.ReadAll(KafkaTables.Source(KafkaTables.Context(Schema, options) with { Reads = Reads(0, 2) }));

        Assert.Equal(["+I[1, a, 5]"], rows);
    }

    [Fact]
    public void Kafka_json_value_decodes_the_variant_columns_the_job_reads()
    {
        var schema = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("payload", DataTypes.Variant()),
            new Field("extra", DataTypes.Variant()));
        _cluster.CreateTopic("p-variant", 1);
        _cluster.Produce("p-variant",
        [
            new TestRecord(null, """{"id":1,"payload":{"b":[1,2.5,"x"],"a":null},"extra":{"k":1,"k":2}}"""),
            new TestRecord(null, """{"id":2,"payload":"text","extra":[true]}"""),
            new TestRecord(null, """{"id":3,"extra":{"deep":{"er":1}}}"""),
        ]);
        var options = Options("kafka", "p-variant", ("format", "json"), ("scan.startup.mode", "earliest-offset"));
        var reads = new ColumnReads(3, [true, true, false], [null, null, null]);

        var rows = KafkaTables.ReadAll(KafkaTables.Source(KafkaTables.Context(schema, options) with { Reads = reads }));

        // Rows print a VARIANT as its encoded bytes: those of the JSON value parsed on its own.
        static string Bytes(string json) => "[" + string.Join(", ", Sluice.Core.Variants.VariantBuilder.ParseJson(json)) + "]";
        Assert.Equal([$"+I[1, {Bytes("""{"b":[1,2.5,"x"],"a":null}""")}, null]", $"+I[2, {Bytes("\"text\"")}, null]", "+I[3, null, null]"], rows);

        // Read too, the extra column holds each value; a repeated key keeps its last value, as the json format does.
        Assert.Equal(
        [
            $"+I[1, {Bytes("""{"b":[1,2.5,"x"],"a":null}""")}, {Bytes("""{"k":2}""")}]",
            $"+I[2, {Bytes("\"text\"")}, {Bytes("[true]")}]",
            $"+I[3, null, {Bytes("""{"deep":{"er":1}}""")}]",
        ], KafkaTables.ReadAll(KafkaTables.Source(KafkaTables.Context(schema, options))));
    }
}
