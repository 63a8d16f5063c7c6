using System.Text;
using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Kafka.Sink;
using Sluice.Connectors.Kafka.Tests.Support;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;

namespace Sluice.Connectors.Kafka.Tests.Sink;

/// <summary>The Kafka sink against the mock cluster: each delivery guarantee, upserts, partitioners, restored commits.</summary>
public sealed class KafkaSinkTests : IDisposable
{
    private static readonly Schema IdName = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()));

    private readonly MockKafkaCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    private Dictionary<string, string> Options(string topic, string guarantee, params (string Key, string Value)[] extra)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "kafka",
            ["topic"] = topic,
            ["properties.bootstrap.servers"] = _cluster.BootstrapServers,
            ["format"] = "json",
            ["sink.delivery-guarantee"] = guarantee,
        };
        if (guarantee == "exactly-once")
        {
            options["sink.transactional-id-prefix"] = "tx-" + topic;
            options["sink.commit-log-topic"] = "commits-" + topic;
        }

        foreach (var (key, value) in extra)
        {
            options[key] = value;
        }

        return options;
    }

    private static RecordBatch Rows(int from, int count, RowKind kind = RowKind.Insert)
    {
        using var builder = new RecordBatchBuilder(IdName);
        for (var i = from; i < from + count; i++)
        {
            builder.AppendRow(kind, (long)i, "n" + i);
        }

        return builder.Build();
    }

    private static List<string?> Json(int from, int count) => [.. Enumerable.Range(from, count).Select(i => $"{{\"id\":{i},\"name\":\"n{i}\"}}")];

    private static SinkContext Context(string attempt, int subtask = 0, int parallelism = 1) => new(subtask, parallelism, attempt, TimeProvider.System);

    [Fact]
    public void At_least_once_has_every_record_acknowledged_when_the_barrier_returns()
    {
        _cluster.CreateTopic("alo", 1);
        var sink = KafkaTables.Sink(KafkaTables.Context(IdName, Options("alo", "at-least-once")));
        using var writer = sink.CreateWriter(Context("a"));
        using (var batch = Rows(0, 50))
        {
            writer.Write(batch);
        }

        Assert.Empty(writer.PrepareCommit(1));

        Assert.Equal(Json(0, 50), _cluster.ReadValues("alo"));
    }

    [Fact]
    public void At_least_once_loses_nothing_across_a_crash_and_a_replay_after_the_last_barrier()
    {
        _cluster.CreateTopic("alo-crash", 2);
        var sink = KafkaTables.Sink(KafkaTables.Context(IdName, Options("alo-crash", "at-least-once")));

        // Attempt a: checkpoint 1 covers rows 0-19; rows 20-29 follow, then the process dies: the client goes away
        // without a flush, so what it had not sent is lost. Rows 0-19 must have been acknowledged at the barrier.
        var crashed = sink.CreateWriter(Context("a"));
        using (var batch = Rows(0, 20))
        {
            crashed.Write(batch);
        }

        crashed.PrepareCommit(1);
        using (var batch = Rows(20, 10))
        {
            crashed.Write(batch);
        }

        crashed.Dispose();

        // Attempt b restores checkpoint 1: the sources replay rows 20-29, and the job goes on to the end.
        using (var writer = sink.CreateWriter(Context("b")))
        {
            using (var batch = Rows(20, 15))
            {
                writer.Write(batch);
            }

            writer.Finish();
            writer.PrepareCommit(2);
        }

        var visible = _cluster.ReadValues("alo-crash");
        Assert.Equal(Json(0, 35).Order(), visible.Distinct().Order());
        Assert.True(visible.Count <= 45, $"{visible.Count} records: more than every row plus one replay");
    }

    [Fact]
    public void None_produces_and_flushes_at_the_end_of_input()
    {
        _cluster.CreateTopic("none", 1);
        var sink = KafkaTables.Sink(KafkaTables.Context(IdName, Options("none", "none")));
        using var writer = sink.CreateWriter(Context("a"));
        using (var batch = Rows(0, 20))
        {
            writer.Write(batch);
        }

        writer.Finish();

        Assert.Equal(Json(0, 20), _cluster.ReadValues("none"));
    }

    [Fact]
    public void Exactly_once_writes_nothing_before_the_commit_and_everything_once_after_it()
    {
        _cluster.CreateTopic("eo", 2);
        var sink = KafkaTables.Sink(KafkaTables.Context(IdName, Options("eo", "exactly-once")));
        var committer = sink.CreateCommitter(Context("a"));
        using var writer = sink.CreateWriter(Context("a"));
        using (var batch = Rows(0, 30))
        {
            writer.Write(batch);
        }

        var first = writer.PrepareCommit(1);
        using (var batch = Rows(30, 10))
        {
            writer.Write(batch);
        }

        Assert.Empty(_cluster.ReadValues("eo"));

        committer.Commit(first);
        Assert.Equal(Json(0, 30).Order(), _cluster.ReadValues("eo").Order());

        committer.Commit(writer.PrepareCommit(2));
        Assert.Equal(Json(0, 40).Order(), _cluster.ReadValues("eo").Order());
        var log = _cluster.ReadValues("commits-eo");
        Assert.Equal(["1", "2"], log!);
    }

    [Fact]
    public void A_restored_committable_is_committed_once_even_when_restored_and_committed_again()
    {
        _cluster.CreateTopic("eo-restore", 1);
        var options = Options("eo-restore", "exactly-once");
        byte[] stored;
        {
            // Attempt a: pre-commit checkpoint 1 and store it like the runtime does; the checkpoint completes, then the
            // process dies before the committer ran.
            var sink = KafkaTables.Sink(KafkaTables.Context(IdName, options));
            sink.CreateCommitter(Context("a"));
            using var writer = sink.CreateWriter(Context("a"));
            using (var batch = Rows(0, 25))
            {
                writer.Write(batch);
            }

            var committable = Assert.Single(writer.PrepareCommit(1));
            using var buffer = new BinaryBufferWriter();
            sink.CommittableSerializer.Serialize(committable, buffer);
            stored = buffer.ToArray();
        }

        Assert.Empty(_cluster.ReadValues("eo-restore"));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // Attempts b, c, d restore the same checkpoint (each crashed after restoring) and commit it again.
            var sink = KafkaTables.Sink(KafkaTables.Context(IdName, options));
            var committable = sink.CommittableSerializer.Deserialize(new BinaryBufferReader(stored));
            var committer = sink.CreateCommitter(Context("restored-" + attempt));
            committer.Commit([committable]);
            committer.AbortLeftovers("restored-" + attempt);
            Assert.Equal(Json(0, 25), _cluster.ReadValues("eo-restore"));
        }
    }

    [Fact]
    public void A_committable_committed_by_its_own_attempt_is_skipped_when_restored()
    {
        _cluster.CreateTopic("eo-done", 1);
        var options = Options("eo-done", "exactly-once");
        var sink = KafkaTables.Sink(KafkaTables.Context(IdName, options));
        var committer = sink.CreateCommitter(Context("a"));
        using var writer = sink.CreateWriter(Context("a"));
        using (var batch = Rows(0, 5))
        {
            writer.Write(batch);
        }

        var committables = writer.PrepareCommit(7);
        committer.Commit(committables);

        var restored = KafkaTables.Sink(KafkaTables.Context(IdName, options)).CreateCommitter(Context("b"));
        restored.Commit(committables);

        Assert.Equal(Json(0, 5), _cluster.ReadValues("eo-done"));
    }

    [Fact]
    public void Exactly_once_needs_a_transactional_id_prefix()
    {
        var options = Options("x", "exactly-once");
        options.Remove("sink.transactional-id-prefix");

        var error = Assert.Throws<Abstractions.Table.TableOptionException>(() => KafkaTables.Sink(KafkaTables.Context(IdName, options)));

        Assert.Equal("sink.transactional-id-prefix", error.OptionKey);
    }

    [Fact]
    public void Upsert_kafka_writes_tombstones_for_deletes_drops_update_befores_and_reads_them_back_as_deletes()
    {
        _cluster.CreateTopic("upsert", 1);
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "upsert-kafka",
            ["topic"] = "upsert",
            ["properties.bootstrap.servers"] = _cluster.BootstrapServers,
            ["key.format"] = "json",
            ["value.format"] = "json",
            ["scan.bounded.mode"] = "latest-offset",
        };
        var context = KafkaTables.Context(IdName, options, primaryKey: ["id"]);
        var sink = KafkaTables.Sink(context);
        using (var writer = sink.CreateWriter(Context("a")))
        {
            using var builder = new RecordBatchBuilder(IdName);
            builder.AppendRow(RowKind.Insert, 1L, "a");
            builder.AppendRow(RowKind.Insert, 2L, "b");
            builder.AppendRow(RowKind.UpdateBefore, 1L, "a");
            builder.AppendRow(RowKind.UpdateAfter, 1L, "a2");
            builder.AppendRow(RowKind.Delete, 2L, "b");
            using var batch = builder.Build();
            writer.Write(batch);
            writer.PrepareCommit(1);
        }

        var records = _cluster.ReadAll("upsert");
        Assert.Equal(["{\"id\":1}", "{\"id\":2}", "{\"id\":1}", "{\"id\":2}"], records.Select(r => Encoding.UTF8.GetString(r.Message.Key!)));
        Assert.Equal(["{\"id\":1,\"name\":\"a\"}", "{\"id\":2,\"name\":\"b\"}", "{\"id\":1,\"name\":\"a2\"}", null],
            records.Select(r => r.Message.Value is null ? null : Encoding.UTF8.GetString(r.Message.Value)));

        var rows = KafkaTables.ReadAll(KafkaTables.Source(context));
        Assert.Equal(["+I[1, a]", "+I[2, b]", "+I[1, a2]", "-D[2, null]"], rows);
        Assert.Equal(Abstractions.Table.ChangelogMode.Upsert, KafkaTables.Registry().CreateSource(context).ChangelogMode);
    }

    [Fact]
    public void A_raw_key_with_a_prefix_and_an_except_key_value_round_trip()
    {
        _cluster.CreateTopic("keyed", 1);
        var schema = Schema.Of(new Field("k_user", DataTypes.String()), new Field("score", DataTypes.BigInt()));
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "kafka",
            ["topic"] = "keyed",
            ["properties.bootstrap.servers"] = _cluster.BootstrapServers,
            ["key.format"] = "raw",
            ["key.fields"] = "k_user",
            ["key.fields-prefix"] = "k_",
            ["value.format"] = "json",
            ["value.fields-include"] = "EXCEPT_KEY",
            ["scan.startup.mode"] = "earliest-offset",
            ["scan.bounded.mode"] = "latest-offset",
        };
        var context = KafkaTables.Context(schema, options);
        using (var writer = KafkaTables.Sink(context).CreateWriter(Context("a")))
        {
            using var builder = new RecordBatchBuilder(schema);
            builder.AppendRow(RowKind.Insert, "alice", 7L);
            builder.AppendRow(RowKind.Insert, "bob", 9L);
            using var batch = builder.Build();
            writer.Write(batch);
            writer.PrepareCommit(1);
        }

        var records = _cluster.ReadAll("keyed");
        Assert.Equal(["alice", "bob"], records.Select(r => Encoding.UTF8.GetString(r.Message.Key!)));
        Assert.Equal(["{\"score\":7}", "{\"score\":9}"], records.Select(r => Encoding.UTF8.GetString(r.Message.Value!)));
        Assert.Equal(["+I[alice, 7]", "+I[bob, 9]"], KafkaTables.ReadAll(KafkaTables.Source(context)));
    }

    [Fact]
    public void Fixed_partitioner_sends_a_subtask_to_one_partition_and_round_robin_spreads_evenly()
    {
        _cluster.CreateTopic("fixed", 3);
        _cluster.CreateTopic("rr", 3);
        var fixedSink = KafkaTables.Sink(KafkaTables.Context(IdName, Options("fixed", "at-least-once", ("sink.partitioner", "fixed"))));
        using (var writer = fixedSink.CreateWriter(Context("a", subtask: 4, parallelism: 5)))
        {
            using var batch = Rows(0, 12);
            writer.Write(batch);
            writer.PrepareCommit(1);
        }

        var rrSink = KafkaTables.Sink(KafkaTables.Context(IdName, Options("rr", "at-least-once", ("sink.partitioner", "round-robin"))));
        using (var writer = rrSink.CreateWriter(Context("a")))
        {
            using var batch = Rows(0, 12);
            writer.Write(batch);
            writer.PrepareCommit(1);
        }

        Assert.All(_cluster.ReadAll("fixed"), r => Assert.Equal(4 % 3, r.Partition.Value));
        Assert.Equal([4, 4, 4], _cluster.ReadAll("rr").GroupBy(r => r.Partition.Value).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void Timestamp_and_headers_metadata_columns_are_written_into_the_record()
    {
        _cluster.CreateTopic("meta-out", 1);
        var schema = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("ts", DataTypes.TimestampLtz(3)),
            new Field("h", DataTypes.Map(DataTypes.String(), DataTypes.Bytes())));
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["ts"] = "timestamp", ["h"] = "headers" };
        var sink = KafkaTables.Sink(KafkaTables.Context(schema, Options("meta-out", "at-least-once"), metadata: metadata));
        using (var writer = sink.CreateWriter(Context("a")))
        {
            using var builder = new RecordBatchBuilder(schema);
            builder.AppendRow(RowKind.Insert, 1L, DateTimeOffset.FromUnixTimeMilliseconds(1_600_000_000_000),
                new Dictionary<string, byte[]> { ["trace"] = [1, 2] });
            using var batch = builder.Build();
            writer.Write(batch);
            writer.PrepareCommit(1);
        }

        var record = Assert.Single(_cluster.ReadAll("meta-out"));
        Assert.Equal("{\"id\":1}", Encoding.UTF8.GetString(record.Message.Value!));
        Assert.Equal(1_600_000_000_000, record.Message.Timestamp.UnixTimestampMs);
        var header = Assert.Single(record.Message.Headers);
        Assert.Equal("trace", header.Key);
        Assert.Equal(new byte[] { 1, 2 }, header.GetValueBytes());
    }
}
