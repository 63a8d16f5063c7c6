using System.Text;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Kafka.Source;
using Sluice.Connectors.Kafka.Tests.Support;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;

namespace Sluice.Connectors.Kafka.Tests.Source;

/// <summary>The Kafka source against the mock cluster: start and end modes, metadata, keys, checkpoints, discovery.</summary>
public sealed class KafkaSourceTests : IDisposable
{
    private static readonly Schema IdName = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()));

    private readonly MockKafkaCluster _cluster = new();

    public void Dispose() => _cluster.Dispose();

    private Dictionary<string, string> Options(string topic, params (string Key, string Value)[] extra)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "kafka",
            ["topic"] = topic,
            ["properties.bootstrap.servers"] = _cluster.BootstrapServers,
            ["format"] = "json",
            ["scan.startup.mode"] = "earliest-offset",
            ["scan.bounded.mode"] = "latest-offset",
        };
        foreach (var (key, value) in extra)
        {
            options[key] = value;
        }

        return options;
    }

    private static IEnumerable<TestRecord> Json(int from, int count, int partition = 0, long? timestamp = null) =>
        Enumerable.Range(from, count).Select(i => new TestRecord(null, $"{{\"id\":{i},\"name\":\"n{i}\"}}", partition, timestamp));

    private static List<string> Expected(int from, int count) => [.. Enumerable.Range(from, count).Select(i => $"+I[{i}, n{i}]")];

    [Fact]
    public void Earliest_to_latest_reads_every_record_of_every_partition_once_and_ends()
    {
        _cluster.CreateTopic("t-all", 3);
        _cluster.Produce("t-all", Json(0, 30, 0).Concat(Json(30, 20, 1)).Concat(Json(50, 10, 2)));

        var rows = KafkaTables.ReadAll(KafkaTables.Source(KafkaTables.Context(IdName, Options("t-all"))));

        Assert.Equal(Expected(0, 60).Order(), rows.Order());
    }

    [Fact]
    public void Empty_partitions_end_at_once_and_the_others_are_read_to_their_end()
    {
        _cluster.CreateTopic("t-sparse", 4);
        _cluster.Produce("t-sparse", Json(0, 5, 2));

        var rows = KafkaTables.ReadAll(KafkaTables.Source(KafkaTables.Context(IdName, Options("t-sparse"))));

        Assert.Equal(Expected(0, 5), rows);
    }

    [Fact]
    public void A_changelog_value_format_gives_the_rows_their_kinds()
    {
        _cluster.CreateTopic("t-cdc", 1);
        _cluster.Produce("t-cdc",
        [
            new TestRecord("""{"before":null,"after":{"id":1,"name":"a"},"op":"c"}"""),
            new TestRecord("""{"before":{"id":1,"name":"a"},"after":{"id":1,"name":"b"},"op":"u"}"""),
            new TestRecord("""{"before":{"id":1,"name":"b"},"after":null,"op":"d"}"""),
        ]);
        var options = Options("t-cdc", ("format", "debezium-json"));
        var context = KafkaTables.Context(IdName, options);

        var rows = KafkaTables.ReadAll(KafkaTables.Source(context));

        Assert.Equal(["+I[1, a]", "-U[1, a]", "+U[1, b]", "-D[1, b]"], rows);
        Assert.Equal(Abstractions.Table.ChangelogMode.All, KafkaTables.Registry().CreateSource(context).ChangelogMode);
    }

    [Fact]
    public void A_poll_emits_many_records_as_one_batch_per_partition()
    {
        _cluster.CreateTopic("t-batch", 1);
        _cluster.Produce("t-batch", Json(0, 500));
        var source = KafkaTables.Source(KafkaTables.Context(IdName, Options("t-batch")));
        using var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(source.DiscoverSplits(1));
        var output = new KafkaTables.CollectingOutput();
        while (reader.PollNext(output) != InputStatus.EndOfInput)
        {
        }

        Assert.Equal(500, output.Rows.Count);
        Assert.True(output.Batches < 50, $"{output.Batches} batches for 500 records");
        Assert.Contains("t-batch-0", output.Finished);
    }

    [Fact]
    public void Latest_offset_start_skips_what_was_there_before_the_job_started()
    {
        _cluster.CreateTopic("t-latest", 1);
        _cluster.Produce("t-latest", Json(0, 5));
        var source = KafkaTables.Source(KafkaTables.Context(IdName, Options("t-latest", ("scan.startup.mode", "latest-offset"),
            ("scan.bounded.mode", "unbounded"))));
        using var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(source.DiscoverSplits(1));
        _cluster.Produce("t-latest", Json(5, 3));

        var rows = KafkaTables.ReadUntil(reader, r => r.Count >= 3);

        Assert.Equal(Expected(5, 3), rows);
    }

    [Fact]
    public void Specific_offsets_start_and_end_where_given_per_partition()
    {
        _cluster.CreateTopic("t-specific", 2);
        _cluster.Produce("t-specific", Json(0, 10, 0).Concat(Json(100, 10, 1)));

        var rows = KafkaTables.ReadAll(KafkaTables.Source(KafkaTables.Context(IdName, Options("t-specific",
            ("scan.startup.mode", "specific-offsets"), ("scan.startup.specific-offsets", "partition:0,offset:7;partition:1,offset:2"),
            ("scan.bounded.mode", "specific-offsets"), ("scan.bounded.specific-offsets", "partition:1,offset:4")))));

        Assert.Equal(Expected(7, 3).Concat(Expected(102, 2)).Order(), rows.Order());
    }

    [Fact]
    public void A_timestamp_start_after_every_record_reads_only_records_written_later()
    {
        // librdkafka's mock cluster answers every lookup by time with "no such record", so only this case of the
        // timestamp modes can be checked here: the scan starts at the end of the partition.
        _cluster.CreateTopic("t-time", 1);
        _cluster.Produce("t-time", Json(0, 5, 0, 1_000_000));
        var source = KafkaTables.Source(KafkaTables.Context(IdName, Options("t-time",
            ("scan.startup.mode", "timestamp"), ("scan.startup.timestamp-millis", "2000000"), ("scan.bounded.mode", "unbounded"))));
        using var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(source.DiscoverSplits(1));
        _cluster.Produce("t-time", Json(5, 2, 0, 3_000_000));

        var rows = KafkaTables.ReadUntil(reader, r => r.Count >= 2);

        Assert.Equal(Expected(5, 2), rows);
    }

    [Fact]
    public void Metadata_columns_carry_topic_partition_offset_timestamp_and_headers()
    {
        _cluster.CreateTopic("t-meta", 1);
        _cluster.Produce("t-meta", [new TestRecord(null, "{\"id\":1,\"name\":\"a\"}", 0, 1_700_000_000_123, [new("h", "v")])]);
        var schema = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()),
            new Field("topic", DataTypes.String()), new Field("part", DataTypes.Int()), new Field("off", DataTypes.BigInt()),
            new Field("ts", DataTypes.TimestampLtz(3)), new Field("tt", DataTypes.String()),
            new Field("headers", DataTypes.Map(DataTypes.String(), DataTypes.Bytes())));
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["topic"] = "topic", ["part"] = "partition", ["off"] = "offset", ["ts"] = "timestamp", ["tt"] = "timestamp-type", ["headers"] = "headers",
        };
        var source = KafkaTables.Source(KafkaTables.Context(schema, Options("t-meta"), metadata: metadata));
        using var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(source.DiscoverSplits(1));
        var output = new ValueOutput();
        while (reader.PollNext(output) != InputStatus.EndOfInput)
        {
        }

        var row = Assert.Single(output.Rows);
        Assert.Equal(1L, row[0]);
        Assert.Equal("a", row[1]);
        Assert.Equal("t-meta", row[2]);
        Assert.Equal(0, row[3]);
        Assert.Equal(0L, row[4]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), row[5]);
        Assert.Equal("CreateTime", row[6]);
        var headers = Assert.IsAssignableFrom<System.Collections.IEnumerable>(row[7]).Cast<object>().ToList();
        var header = Assert.Single(headers);
        Assert.Contains("h", header.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Key_fields_are_read_from_the_key_and_the_rest_from_the_value()
    {
        _cluster.CreateTopic("t-key", 1);
        _cluster.Produce("t-key", [new TestRecord("{\"id\":7}", "{\"name\":\"seven\"}", 0)]);
        var schema = Schema.Of(new Field("k_id", DataTypes.BigInt()), new Field("name", DataTypes.String()));
        var options = Options("t-key", ("key.format", "json"), ("key.fields", "k_id"), ("key.fields-prefix", "k_"),
            ("value.fields-include", "EXCEPT_KEY"));

        var rows = KafkaTables.ReadAll(KafkaTables.Source(KafkaTables.Context(schema, options)));

        Assert.Equal(["+I[7, seven]"], rows);
    }

    [Fact]
    public void A_snapshot_between_polls_restores_without_loss_or_duplicates()
    {
        _cluster.CreateTopic("t-restore", 2);
        _cluster.Produce("t-restore", Json(0, 300, 0).Concat(Json(300, 300, 1)));
        var source = KafkaTables.Source(KafkaTables.Context(IdName, Options("t-restore")));
        var first = new KafkaTables.CollectingOutput();
        byte[][] state;
        using (var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System)))
        {
            reader.AddSplits(source.DiscoverSplits(1));
            while (first.Rows.Count < 100)
            {
                reader.PollNext(first);
            }

            state = [.. reader.SnapshotState(1).Select(Serialize)];
            reader.NotifyCheckpointComplete(1);
        }

        var restored = state.Select(Deserialize).ToList();
        using var again = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        again.AddSplits(restored);
        var rest = KafkaTables.ReadUntil(again);

        Assert.Equal(Expected(0, 600).Order(), first.Rows.Concat(rest).Order());
    }

    [Fact]
    public void Completed_checkpoints_commit_offsets_to_the_group_and_group_offsets_start_there()
    {
        _cluster.CreateTopic("t-group", 1);
        _cluster.Produce("t-group", Json(0, 40));
        var withGroup = Options("t-group", ("properties.group.id", "readers"), ("scan.bounded.mode", "unbounded"));
        var source = new KafkaSource(KafkaTables.Source(KafkaTables.Context(IdName, withGroup)).Options with { MaxRecordsPerPoll = 10 });
        List<string> first;
        using (var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System)))
        {
            reader.AddSplits(source.DiscoverSplits(1));
            first = KafkaTables.ReadUntil(reader, r => r.Count >= 10);
            Assert.True(first.Count < 40);
            var position = Assert.Single(reader.SnapshotState(3).OfType<KafkaPartitionSplit>());
            reader.NotifyCheckpointComplete(3);
            Assert.Equal(first.Count, position.NextOffset);
        }

        var resumed = Options("t-group", ("properties.group.id", "readers"), ("scan.startup.mode", "group-offsets"));
        var rest = KafkaTables.ReadAll(KafkaTables.Source(KafkaTables.Context(IdName, resumed)));

        Assert.Equal(Expected(0, 40), first.Concat(rest));
    }

    [Fact]
    public void A_group_offsets_bound_ends_at_the_committed_offsets()
    {
        _cluster.CreateTopic("t-group-end", 1);
        _cluster.Produce("t-group-end", Json(0, 20));
        using (var consumer = new Confluent.Kafka.ConsumerBuilder<byte[], byte[]>(new Dictionary<string, string>
            {
                ["bootstrap.servers"] = _cluster.BootstrapServers,
                ["group.id"] = "end-marker",
            }).Build())
        {
            consumer.Commit([new Confluent.Kafka.TopicPartitionOffset("t-group-end", 0, 12)]);
        }

        var rows = KafkaTables.ReadAll(KafkaTables.Source(KafkaTables.Context(IdName, Options("t-group-end",
            ("properties.group.id", "end-marker"), ("scan.bounded.mode", "group-offsets")))));

        Assert.Equal(Expected(0, 12), rows);
    }

    [Fact]
    public void Partitions_split_across_readers_and_each_record_is_read_by_one()
    {
        _cluster.CreateTopic("t-par", 4);
        _cluster.Produce("t-par", Enumerable.Range(0, 4).SelectMany(p => Json(p * 100, 25, p)));
        var source = KafkaTables.Source(KafkaTables.Context(IdName, Options("t-par")));
        var splits = source.DiscoverSplits(2);
        var rows = new List<string>();
        for (var subtask = 0; subtask < 2; subtask++)
        {
            using var reader = source.CreateReader(new SourceReaderContext(subtask, 2, TimeProvider.System));
            reader.AddSplits([.. splits.Where((_, i) => i % 2 == subtask)]);
            rows.AddRange(KafkaTables.ReadUntil(reader));
        }

        Assert.Equal(Enumerable.Range(0, 4).SelectMany(p => Expected(p * 100, 25)).Order(), rows.Order());
    }

    [Fact]
    public void Discovery_picks_up_a_topic_of_the_pattern_created_later_exactly_once_across_slots()
    {
        _cluster.CreateTopic("disc-a", 1);
        _cluster.Produce("disc-a", Json(0, 3));
        var options = Options("unused", ("scan.bounded.mode", "unbounded"), ("scan.topic-partition-discovery.interval", "1 ms"));
        options.Remove("topic");
        options["topic-pattern"] = "disc-.*";
        var source = KafkaTables.Source(KafkaTables.Context(IdName, options));
        var splits = source.DiscoverSplits(2);
        Assert.Equal(2, splits.OfType<KafkaDiscoverySplit>().Count());
        var readers = new[] { source.CreateReader(new SourceReaderContext(0, 2, TimeProvider.System)), source.CreateReader(new SourceReaderContext(1, 2, TimeProvider.System)) };
        try
        {
            for (var subtask = 0; subtask < 2; subtask++)
            {
                readers[subtask].AddSplits([.. splits.Where((_, i) => i % 2 == subtask)]);
            }

            _cluster.CreateTopic("disc-b", 3);
            _cluster.Produce("disc-b", Json(10, 4, 0).Concat(Json(20, 4, 1)).Concat(Json(30, 4, 2)));
            var outputs = new[] { new KafkaTables.CollectingOutput(), new KafkaTables.CollectingOutput() };
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (outputs.Sum(o => o.Rows.Count) < 15 && DateTime.UtcNow < deadline)
            {
                readers[0].PollNext(outputs[0]);
                readers[1].PollNext(outputs[1]);
            }

            var all = outputs.SelectMany(o => o.Rows).ToList();
            Assert.Equal(Expected(0, 3).Concat(Expected(10, 4)).Concat(Expected(20, 4)).Concat(Expected(30, 4)).Order(), all.Order());
            var state = readers.SelectMany(r => r.SnapshotState(1)).ToList();
            Assert.Equal(4, state.OfType<KafkaPartitionSplit>().Count());
            Assert.All(state.OfType<KafkaDiscoverySplit>(), s => Assert.Equal(4, s.Known.Count));
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    private static byte[] Serialize(KafkaSourceSplit split)
    {
        using var writer = new BinaryBufferWriter();
        KafkaSourceSplit.Serializer.Serialize(split, writer);
        return writer.ToArray();
    }

    private static KafkaSourceSplit Deserialize(byte[] bytes) => KafkaSourceSplit.Serializer.Deserialize(new BinaryBufferReader(bytes));

    private sealed class ValueOutput : ISourceOutput
    {
        public List<object?[]> Rows { get; } = [];

        public void Emit(string splitId, Core.Batches.IBatch batch)
        {
            using var records = (Core.Batches.RecordBatch)batch;
            for (var row = 0; row < records.RowCount; row++)
            {
                Rows.Add([.. Enumerable.Range(0, records.ColumnCount).Select(c => records.Column(c).GetValue(records.PhysicalRow(row)))]);
            }
        }

        public void SplitFinished(string splitId)
        {
        }
    }
}
