using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Kafka.CrashJob;
using Sluice.Connectors.Kafka.Tests.Support;
using Sluice.Formats;
using Sluice.Runtime.Execution;
using Sluice.Sql.Physical.Session;

namespace Sluice.Connectors.Kafka.Tests.Sql;

/// <summary>The connectors from SQL, in process: bounded kafka → exactly-once kafka and upsert-kafka jobs, metadata columns.</summary>
public sealed class KafkaSqlJobTests : IDisposable
{
    private readonly MockKafkaCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    [Fact]
    public async Task A_bounded_sql_job_copies_a_topic_exactly_once_through_checkpoints()
    {
        _cluster.CreateTopic("sql-in", 3);
        _cluster.Produce("sql-in", Enumerable.Range(0, 3000).Select(i => new TestRecord(null, CrashScript.Input(i), i % 3)));
        var session = new SqlSession(new SqlSessionOptions(new ConnectorRegistry().AddStandardFormats().AddKafkaConnectors())
        {
            CheckpointInterval = TimeSpan.FromMilliseconds(50),
            CollectInserts = true,
            Parallelism = 2,
        });
        foreach (var statement in SqlSession.ParseScript(CrashScript.Sql(_cluster.BootstrapServers, "sql-in", "sql-out", "sql-job")))
        {
            session.Execute(statement);
        }

        await using var job = session.SubmitCollectedInserts()!;
        var result = await job.Completion.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(result.Status == JobStatus.Finished, result.Failure?.ToString());
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => CrashScript.Transform(i)).Order(), _cluster.ReadValues("sql-out").Order());
    }

    [Fact]
    public async Task Metadata_columns_are_readable_from_sql()
    {
        _cluster.CreateTopic("sql-meta", 2);
        _cluster.Produce("sql-meta", [new TestRecord(null, CrashScript.Input(1), 1), new TestRecord(null, CrashScript.Input(2), 0)]);
        var session = new SqlSession(new SqlSessionOptions(new ConnectorRegistry().AddStandardFormats().AddKafkaConnectors()) { CollectInserts = true });
        var script = $"""
            CREATE TABLE src (id BIGINT, name STRING, part INT METADATA FROM 'partition' VIRTUAL, `offset` BIGINT METADATA VIRTUAL) WITH (
              'connector' = 'kafka', 'topic' = 'sql-meta', 'properties.bootstrap.servers' = '{_cluster.BootstrapServers}',
              'format' = 'json', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset');
            CREATE TABLE dst (id BIGINT, name STRING) WITH (
              'connector' = 'kafka', 'topic' = 'sql-meta-out', 'properties.bootstrap.servers' = '{_cluster.BootstrapServers}', 'format' = 'json');
            INSERT INTO dst SELECT id, CONCAT(name, '@', CAST(part AS STRING), ':', CAST(`offset` AS STRING)) FROM src;
            """;
        foreach (var statement in SqlSession.ParseScript(script))
        {
            session.Execute(statement);
        }

        await using var job = session.SubmitCollectedInserts()!;
        var result = await job.Completion.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(result.Status == JobStatus.Finished, result.Failure?.ToString());
        Assert.Equal(["{\"id\":1,\"name\":\"n1@1:0\"}", "{\"id\":2,\"name\":\"n2@0:0\"}"], _cluster.ReadValues("sql-meta-out").Order());
    }

    [Fact]
    public async Task An_aggregation_into_upsert_kafka_leaves_the_latest_value_per_key_and_reads_back_as_upserts()
    {
        _cluster.CreateTopic("words", 2);
        var words = new[] { "a", "b", "a", "c", "a", "b" };
        _cluster.Produce("words", words.Select((w, i) => new TestRecord(null, $"{{\"id\":{i},\"name\":\"{w}\"}}", i % 2)));
        var session = new SqlSession(new SqlSessionOptions(new ConnectorRegistry().AddStandardFormats().AddKafkaConnectors())
        {
            CollectInserts = true,
            CheckpointInterval = TimeSpan.FromMilliseconds(50),
        });
        var script = $"""
            CREATE TABLE src (id BIGINT, name STRING) WITH (
              'connector' = 'kafka', 'topic' = 'words', 'properties.bootstrap.servers' = '{_cluster.BootstrapServers}',
              'format' = 'json', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset');
            CREATE TABLE counts (name STRING, cnt BIGINT, PRIMARY KEY (name) NOT ENFORCED) WITH (
              'connector' = 'upsert-kafka', 'topic' = 'counts', 'properties.bootstrap.servers' = '{_cluster.BootstrapServers}',
              'key.format' = 'json', 'value.format' = 'json',
              'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = 'counts-job');
            INSERT INTO counts SELECT name, COUNT(*) FROM src GROUP BY name;
            """;
        foreach (var statement in SqlSession.ParseScript(script))
        {
            session.Execute(statement);
        }

        await using var job = session.SubmitCollectedInserts()!;
        var result = await job.Completion.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(result.Status == JobStatus.Finished, result.Failure?.ToString());

        // The last record of each key holds its final count (the topic is a table by key).
        var latest = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var record in _cluster.ReadAll("counts"))
        {
            latest[System.Text.Encoding.UTF8.GetString(record.Message.Key!)] =
                record.Message.Value is null ? null : System.Text.Encoding.UTF8.GetString(record.Message.Value);
        }

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["{\"name\":\"a\"}"] = "{\"name\":\"a\",\"cnt\":3}",
                ["{\"name\":\"b\"}"] = "{\"name\":\"b\",\"cnt\":2}",
                ["{\"name\":\"c\"}"] = "{\"name\":\"c\",\"cnt\":1}",
            },
            latest);
    }
}
