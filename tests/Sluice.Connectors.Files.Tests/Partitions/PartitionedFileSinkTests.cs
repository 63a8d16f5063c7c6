using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Files.Partitions;
using Sluice.Connectors.Files.Source;
using Sluice.Connectors.Files.Tests.Source;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Formats;
using Sluice.Testing.Conformance;

namespace Sluice.Connectors.Files.Tests.Partitions;

/// <summary>
/// The sink of a partitioned <c>filesystem</c> table: Hive-style folders, partition columns not in the records, two-phase
/// commit per partition, partition commit by process time and by partition time, the success file, crash and restore,
/// INSERT OVERWRITE of the partitions written, and the options' errors.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PartitionedFileSinkTests : IDisposable
{
    private static readonly Schema Orders = Schema.Of(
        new Field("id", DataTypes.BigInt()), new Field("dt", DataTypes.String()), new Field("name", DataTypes.String()), new Field("hour", DataTypes.Int()));

    private readonly CsvDirectory _directory = new();
    private readonly ConnectorRegistry _registry = new ConnectorRegistry().Add(new FileSystemTableFactory()).AddStandardFormats();
    private readonly SteppedClock _clock = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Rows_GoToTheirPartitionFolders_WithoutThePartitionColumns_HiddenUntilCommitted()
    {
        var (sink, context) = Sink();
        using var writer = sink.CreateWriter(context);
        Write(writer, (1L, "2024-01-01", "a", 10), (2L, "2024-01-01", "b", 11), (3L, "2024-01-02", "c", 10), (4L, null, "d", null));

        var committables = writer.PrepareCommit(1);
        Assert.Empty(VisibleFiles());

        sink.CreateCommitter(context).Commit(committables);

        Assert.Equal(
            ["dt=2024-01-01/hour=10", "dt=2024-01-01/hour=11", "dt=2024-01-02/hour=10", "dt=__DEFAULT_PARTITION__/hour=__DEFAULT_PARTITION__"],
            VisibleFiles().Select(f => Path.GetDirectoryName(f)!.Replace('\\', '/')).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("1,a\n", Content("dt=2024-01-01/hour=10"));
        Assert.Equal("4,d\n", Content("dt=__DEFAULT_PARTITION__/hour=__DEFAULT_PARTITION__"));
    }

    [Fact]
    public void SpecialCharacters_AreEscapedInTheFolderName_AndReadBack()
    {
        var (sink, context) = Sink();
        using var writer = sink.CreateWriter(context);
        Write(writer, (1L, "a/b=c", "x", 1));
        sink.CreateCommitter(context).Commit(writer.PrepareCommit(1));

        Assert.Equal("1,x\n", Content("dt=a%2Fb%3Dc/hour=1"));
        Assert.Equal(["+I[1, a/b=c, x, 1]"], ReadTable());
    }

    [Fact]
    public void ProcessTimeTrigger_CommitsAPartition_OnlyAtTheFirstCommitAfterTheDelay()
    {
        var (sink, context) = Sink(("sink.partition-commit.delay", "1 h"), ("sink.partition-commit.policy.kind", "success-file"));
        using var writer = sink.CreateWriter(context);
        var committer = sink.CreateCommitter(context);
        Write(writer, (1L, "2024-01-01", "a", 10));
        committer.Commit(writer.PrepareCommit(1));
        Assert.False(SuccessFile("dt=2024-01-01/hour=10"));

        _clock.Advance(TimeSpan.FromMinutes(59));
        committer.Commit(writer.PrepareCommit(2));
        Assert.False(SuccessFile("dt=2024-01-01/hour=10"));

        _clock.Advance(TimeSpan.FromMinutes(1));
        committer.Commit(writer.PrepareCommit(3));
        Assert.True(SuccessFile("dt=2024-01-01/hour=10"));
        Assert.DoesNotContain(writer.PrepareCommit(4), c => c.Progress is null);
    }

    [Fact]
    public void PartitionTimeTrigger_CommitsWhenTheWatermarkPassesThePartitionTimePlusDelay()
    {
        var (sink, context) = Sink(
            ("sink.partition-commit.trigger", "partition-time"),
            ("partition.time-extractor.timestamp-pattern", "$dt $hour:00:00"),
            ("sink.partition-commit.delay", "1 h"),
            ("sink.partition-commit.policy.kind", "success-file"),
            ("sink.partition-commit.success-file.name", "_DONE"));
        using var writer = sink.CreateWriter(context);
        var committer = sink.CreateCommitter(context);
        Write(writer, (1L, "2024-01-01", "a", 10), (2L, "2024-01-01", "b", 11));
        var watermarks = Assert.IsAssignableFrom<IWatermarkAwareSinkWriter>(writer);

        watermarks.OnWatermark(Millis(2024, 1, 1, 11, 0));
        committer.Commit(writer.PrepareCommit(1));
        Assert.False(SuccessFile("dt=2024-01-01/hour=10", "_DONE"));

        watermarks.OnWatermark(Millis(2024, 1, 1, 11, 0) + 1);
        committer.Commit(writer.PrepareCommit(2));
        Assert.True(SuccessFile("dt=2024-01-01/hour=10", "_DONE"));
        Assert.False(SuccessFile("dt=2024-01-01/hour=11", "_DONE"));
    }

    [Fact]
    public void BoundedInput_CommitsEveryPartitionAtTheEnd_WithoutPolicy_NoSuccessFile()
    {
        var (sink, context) = Sink(("sink.partition-commit.delay", "1 d"), ("sink.partition-commit.policy.kind", "success-file"));
        using (var writer = sink.CreateWriter(context))
        {
            Write(writer, (1L, "2024-01-01", "a", 10), (2L, "2024-01-02", "b", 10));
            writer.Finish();
            sink.CreateCommitter(context).Commit(writer.PrepareCommit(1));
        }

        Assert.True(SuccessFile("dt=2024-01-01/hour=10"));
        Assert.True(SuccessFile("dt=2024-01-02/hour=10"));

        var (plain, plainContext) = Sink();
        using var plainWriter = plain.CreateWriter(plainContext with { AttemptId = "b2" });
        Write(plainWriter, (3L, "2024-01-03", "c", 10));
        plainWriter.Finish();
        plain.CreateCommitter(plainContext).Commit(plainWriter.PrepareCommit(1));
        Assert.False(SuccessFile("dt=2024-01-03/hour=10"));
        Assert.Equal("3,c\n", Content("dt=2024-01-03/hour=10"));
    }

    [Fact]
    public void Restore_CommitsThePendingPartitionsOfTheCheckpoint_AfterTheDelay()
    {
        var (sink, context) = Sink(("sink.partition-commit.delay", "10 min"), ("sink.partition-commit.policy.kind", "success-file"));
        IReadOnlyList<PartitionedFileCommittable> checkpoint;
        using (var writer = sink.CreateWriter(context))
        {
            Write(writer, (1L, "2024-01-01", "a", 10));
            checkpoint = RoundTrip(sink, writer.PrepareCommit(1));
            Write(writer, (2L, "2024-01-01", "lost", 10)); // after the checkpoint: the crash loses it
        }

        Assert.Contains(checkpoint, c => c.File is null && c.Partition == "dt=2024-01-01/hour=10/");

        // The job restarts 5 minutes later from checkpoint 1: its files are committed, the partition is not due yet.
        _clock.Advance(TimeSpan.FromMinutes(5));
        var restarted = context with { AttemptId = "a2" };
        var committer = sink.CreateCommitter(restarted);
        committer.Commit(checkpoint);
        committer.AbortLeftovers("a2");
        Assert.False(SuccessFile("dt=2024-01-01/hour=10"));
        Assert.Equal("1,a\n", Content("dt=2024-01-01/hour=10"));
        Assert.DoesNotContain(Directory.EnumerateFiles(_directory.Path, ".*", SearchOption.AllDirectories), f => f.Contains("-a1-", StringComparison.Ordinal));

        // The restored writer carries the pending partition on: it is committed once its delay passed.
        using var restoredWriter = sink.CreateWriter(restarted);
        _clock.Advance(TimeSpan.FromMinutes(5));
        committer.Commit(restoredWriter.PrepareCommit(2));
        Assert.True(SuccessFile("dt=2024-01-01/hour=10"));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public void Sink_SurvivesCrashesInTheTwoPhaseCommit_ExactlyOnce(string format)
    {
        var output = Path.Combine(_directory.Path, "crash-" + format);
        var table = _registry.CreateSink(Context(output, format));
        object?[][] rows = [.. Enumerable.Range(1, 12).Select(i => new object?[] { (long)i, $"2024-01-0{i % 3 + 1}", $"item {i}", i % 2 })];

        SinkConformance.SurvivesCrashes(table, rows, () => Read(output, format), time: _clock);
    }

    [Fact]
    public void Overwrite_ReplacesOnlyThePartitionsWritten()
    {
        var (first, firstContext) = Sink();
        using (var writer = first.CreateWriter(firstContext))
        {
            Write(writer, (1L, "2024-01-01", "old", 10), (2L, "2024-01-02", "kept", 10));
            first.CreateCommitter(firstContext).Commit(writer.PrepareCommit(1));
        }

        var table = _registry.CreateSink(Context(_directory.Path, "csv") with { Overwrite = true });
        Assert.True(table.SupportsOverwrite);
        var sink = Assert.IsType<SinkHandle<PartitionedFileCommittable>>(table.Sink).Sink;
        var context = new SinkContext(0, 1, "o1", _clock);
        using var overwriter = sink.CreateWriter(context);
        Write(overwriter, (3L, "2024-01-01", "new", 10));
        var committables = overwriter.PrepareCommit(1);
        Assert.Equal(2, ReadTable().Count);

        sink.CreateCommitter(context).Commit(committables);

        Assert.Equal(["+I[2, 2024-01-02, kept, 10]", "+I[3, 2024-01-01, new, 10]"], ReadTable().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void StaticOverwrite_WithoutRows_OverwritesThePartitionToEmpty_AndCommitsIt_AsFlink(int parallelism)
    {
        var (first, firstContext) = Sink();
        using (var writer = first.CreateWriter(firstContext))
        {
            Write(writer, (1L, "2024-01-01", "old", 10), (2L, "2024-01-01", "other hour", 11));
            first.CreateCommitter(firstContext).Commit(writer.PrepareCommit(1));
        }

        // INSERT OVERWRITE orders PARTITION (dt = '2024-01-01', hour = 10) SELECT ... that selects no row.
        var overwrite = Context(_directory.Path, "csv", ("sink.partition-commit.policy.kind", "success-file")) with
        {
            Overwrite = true,
            StaticPartitions = new Dictionary<string, object?> { ["dt"] = "2024-01-01", ["hour"] = 10 },
        };
        var sink = Assert.IsType<SinkHandle<PartitionedFileCommittable>>(_registry.CreateSink(overwrite).Sink).Sink;
        var contexts = Enumerable.Range(0, parallelism).Select(i => new SinkContext(i, parallelism, "o1", _clock)).ToList();
        var writers = contexts.Select(sink.CreateWriter).ToList();
        var committers = contexts.Select(sink.CreateCommitter).ToList();
        var prepared = writers.Select(w => w.PrepareCommit(1)).ToList();
        for (var i = 0; i < parallelism; i++)
        {
            committers[i].Commit(prepared[i]);
        }

        // Not ended yet: the old rows stay.
        Assert.Equal("1,old\n", Content("dt=2024-01-01/hour=10"));
        foreach (var writer in writers)
        {
            writer.Finish();
        }

        prepared = [.. writers.Select(w => w.PrepareCommit(2))];
        for (var i = 0; i < parallelism; i++)
        {
            Assert.Equal("1,old\n", Content("dt=2024-01-01/hour=10")); // until the last writer reports its end
            committers[i].Commit(prepared[i]);
        }

        Assert.Equal("", Content("dt=2024-01-01/hour=10"));
        Assert.True(SuccessFile("dt=2024-01-01/hour=10"));
        Assert.Equal("2,other hour\n", Content("dt=2024-01-01/hour=11"));
        writers.ForEach(w => w.Dispose());
    }

    [Fact]
    public void StaticOverwrite_WithoutRows_AndWithoutPolicy_LeavesTheFolderEmpty_NoOldSuccessFile()
    {
        var (first, firstContext) = Sink(("sink.partition-commit.policy.kind", "success-file"));
        using (var writer = first.CreateWriter(firstContext))
        {
            Write(writer, (1L, "2024-01-01", "old", 10), (2L, "2024-01-01", "other hour", 11));
            writer.Finish();
            first.CreateCommitter(firstContext).Commit(writer.PrepareCommit(1));
        }

        Assert.True(SuccessFile("dt=2024-01-01/hour=10"));
        File.WriteAllText(Path.Combine(_directory.Path, "dt=2024-01-01", "hour=10", "_stale"), "x");

        // No success-file policy this time: as Flink's loadEmptyPartition, the folder is deleted and made again, so the old
        // _SUCCESS (and anything else in it) does not claim the now empty partition was committed with data.
        var overwrite = Context(_directory.Path, "csv") with
        {
            Overwrite = true,
            StaticPartitions = new Dictionary<string, object?> { ["dt"] = "2024-01-01", ["hour"] = 10 },
        };
        var sink = Assert.IsType<SinkHandle<PartitionedFileCommittable>>(_registry.CreateSink(overwrite).Sink).Sink;
        var context = new SinkContext(0, 1, "o1", _clock);
        using var overwriter = sink.CreateWriter(context);
        overwriter.Finish();
        sink.CreateCommitter(context).Commit(overwriter.PrepareCommit(1));

        var folder = Path.Combine(_directory.Path, "dt=2024-01-01", "hour=10");
        Assert.True(Directory.Exists(folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        Assert.True(SuccessFile("dt=2024-01-01/hour=11"));
        Assert.Equal("2,other hour\n", Content("dt=2024-01-01/hour=11"));
    }

    [Fact]
    public void StaticOverwrite_WithRows_OrAPartialSpecWithoutRows_KeepsFlinksRules()
    {
        var (first, firstContext) = Sink();
        using (var writer = first.CreateWriter(firstContext))
        {
            Write(writer, (1L, "2024-01-01", "old", 10));
            first.CreateCommitter(firstContext).Commit(writer.PrepareCommit(1));
        }

        // Only dt is static and no row comes: Flink commits nothing, and the partitions keep their files.
        var partial = Context(_directory.Path, "csv") with { Overwrite = true, StaticPartitions = new Dictionary<string, object?> { ["dt"] = "2024-01-01" } };
        var sink = Assert.IsType<SinkHandle<PartitionedFileCommittable>>(_registry.CreateSink(partial).Sink).Sink;
        var context = new SinkContext(0, 1, "p1", _clock);
        using var overwriter = sink.CreateWriter(context);
        overwriter.Finish();
        sink.CreateCommitter(context).Commit(overwriter.PrepareCommit(1));

        Assert.Equal("1,old\n", Content("dt=2024-01-01/hour=10"));
    }

    [Fact]
    public void ShuffleByPartition_GivesThePlannerThePartitionColumns_PartitionTimeAsksForWatermarks()
    {
        var shuffled = Assert.IsAssignableFrom<IPartitionedTableSink>(_registry.CreateSink(Context(_directory.Path, "csv", ("sink.shuffle-by-partition.enable", "true"))));
        var plain = Assert.IsAssignableFrom<IPartitionedTableSink>(_registry.CreateSink(Context(_directory.Path, "csv", ("sink.partition-commit.trigger", "partition-time"))));

        Assert.Equal([1, 3], shuffled.ShuffleColumns);
        Assert.False(shuffled.NeedsWatermarks);
        Assert.Empty(plain.ShuffleColumns);
        Assert.True(plain.NeedsWatermarks);
    }

    [Theory]
    [InlineData("sink.partition-commit.policy.kind", "metastore", "only for Hive tables")]
    [InlineData("sink.partition-commit.policy.kind", "custom", "Java class")]
    [InlineData("sink.partition-commit.policy.kind", "success-file,mail", "unknown policy 'mail'")]
    [InlineData("partition.time-extractor.kind", "custom", "Java class")]
    [InlineData("sink.partition-commit.trigger", "wall-time", "sink.partition-commit.trigger")]
    [InlineData("sink.partition-commit.watermark-time-zone", "Mars/Olympus", "unknown time zone")]
    [InlineData("sink.partition-commit.delay", "soon", "sink.partition-commit.delay")]
    public void BadPartitionCommitOption_IsRejectedNamingIt(string option, string value, string message)
    {
        var error = Assert.Throws<TableOptionException>(() => _registry.CreateSink(Context(_directory.Path, "csv", (option, value))));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PartitionColumnOfAnUnsupportedType_OrEveryColumnAPartition_IsRejected()
    {
        var arrays = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("tags", DataTypes.Array(DataTypes.String())));
        var options = new Dictionary<string, string> { ["connector"] = "filesystem", ["path"] = _directory.Path, ["format"] = "json" };

        var type = Assert.Throws<TableOptionException>(() => _registry.CreateSink(new TableContext("t", arrays, options) { PartitionKeys = ["tags"] }));
        var keysOnly = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("day", DataTypes.Date()));
        var all = Assert.Throws<TableOptionException>(() => _registry.CreateSource(new TableContext("t", keysOnly, options) { PartitionKeys = ["id", "day"] }));

        Assert.Contains("PARTITIONED BY 'tags'", type.Message, StringComparison.Ordinal);
        Assert.Contains("every column is a partition column", all.Message, StringComparison.Ordinal);
    }

    private static long Millis(int year, int month, int day, int hour, int minute) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private (ISink<PartitionedFileCommittable> Sink, SinkContext Context) Sink(params (string Key, string Value)[] options)
    {
        var table = _registry.CreateSink(Context(_directory.Path, "csv", options));
        return (Assert.IsType<SinkHandle<PartitionedFileCommittable>>(table.Sink).Sink, new SinkContext(0, 1, "a1", _clock));
    }

    private static TableContext Context(string path, string format, params (string Key, string Value)[] options)
    {
        var all = new Dictionary<string, string> { ["connector"] = "filesystem", ["path"] = path, ["format"] = format };
        foreach (var (key, value) in options)
        {
            all[key] = value;
        }

        return new TableContext("orders", Orders, all) { PartitionKeys = ["dt", "hour"] };
    }

    private static void Write(ISinkWriter<PartitionedFileCommittable> writer, params (long Id, string? Dt, string Name, int? Hour)[] rows)
    {
        using var builder = new RecordBatchBuilder(Orders);
        foreach (var (id, dt, name, hour) in rows)
        {
            builder.AppendRow(id, dt, name, hour);
        }

        using var batch = builder.Build();
        writer.Write(batch);
    }

    private static List<PartitionedFileCommittable> RoundTrip(ISink<PartitionedFileCommittable> sink, IReadOnlyList<PartitionedFileCommittable> committables) =>
        committables.Select(c =>
        {
            using var writer = new BinaryBufferWriter();
            sink.CommittableSerializer.Serialize(c, writer);
            return sink.CommittableSerializer.Deserialize(new BinaryBufferReader(writer.ToArray()));
        }).ToList();

    private List<string> VisibleFiles() =>
        [.. Directory.EnumerateFiles(_directory.Path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_directory.Path, f))
            .Where(f => !Path.GetFileName(f).StartsWith('.') && !Path.GetFileName(f).StartsWith('_'))
            .Order(StringComparer.Ordinal)];

    private string Content(string partition) =>
        string.Concat(Directory.EnumerateFiles(Path.Combine(_directory.Path, partition)).Where(f => !Path.GetFileName(f).StartsWith('.') && !Path.GetFileName(f).StartsWith('_'))
            .Order(StringComparer.Ordinal).Select(File.ReadAllText));

    private bool SuccessFile(string partition, string name = "_SUCCESS") => File.Exists(Path.Combine(_directory.Path, partition, name));

    private List<string> ReadTable() => [.. Read(_directory.Path, "csv").Select(r => "+I" + r)];

    /// <summary>The committed rows of the table as <c>[v1, v2]</c> strings (the conformance kit's form).</summary>
    private IReadOnlyList<string> Read(string path, string format)
    {
        if (!Directory.Exists(path))
        {
            return [];
        }

        var source = _registry.CreateSource(Context(path, format));
        return [.. source.Source.Accept(new ReadAllVisitor()).Select(r => r[2..])];
    }
}
