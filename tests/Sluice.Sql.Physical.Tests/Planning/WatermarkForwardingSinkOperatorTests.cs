using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Files.Partitions;
using Sluice.Connectors.Files.Source;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats;
using Sluice.Sql.Physical.Planning;
using Sluice.Testing;

namespace Sluice.Sql.Physical.Tests.Planning;

/// <summary>
/// The sink operator the planner uses for a partitioned filesystem sink committing by partition time: it hands each
/// watermark to its writer (so a partition is committed once the watermark passes its time), forwards the watermark,
/// and keeps the sink's two-phase commit and its restore.
/// </summary>
public sealed class WatermarkForwardingSinkOperatorTests : IDisposable
{
    private static readonly Schema Logs = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("dt", DataTypes.String()), new Field("hour", DataTypes.String()));

    private readonly string _folder = Directory.CreateTempSubdirectory("sluice-wm-sink-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_watermark_reaches_the_writer_and_commits_the_partition_after_its_time()
    {
        var sink = Sink();
        using var harness = new OperatorHarness(new WatermarkForwardingSinkOperator<PartitionedFileCommittable>(sink)).Open();
        harness.ProcessBatch(Rows((1L, "2024-01-01", "10")));
        harness.ProcessWatermark(At(10, 59));
        harness.Snapshot(1);
        harness.NotifyCheckpointComplete(1);
        Assert.True(File.Exists(Path.Combine(_folder, "dt=2024-01-01", "hour=10", "part-0-attempt0-0")));
        Assert.False(Success("10"));

        harness.ProcessWatermark(At(11, 0) + 1);
        harness.Snapshot(2);
        harness.NotifyCheckpointComplete(2);

        Assert.True(Success("10"));
        Assert.Equal([At(10, 59), At(11, 0) + 1], harness.OutputWatermarks);
    }

    [Fact]
    public void A_restored_operator_still_commits_the_partitions_pending_in_its_checkpoint()
    {
        var sink = Sink();
        OperatorSnapshot snapshot;
        using (var first = new OperatorHarness(new WatermarkForwardingSinkOperator<PartitionedFileCommittable>(sink)).Open())
        {
            first.ProcessBatch(Rows((1L, "2024-01-01", "10")));
            snapshot = first.Snapshot(1);
        }

        using var restored = new OperatorHarness(new WatermarkForwardingSinkOperator<PartitionedFileCommittable>(sink),
            restoreFrom: [snapshot], attemptNumber: 1).Open();
        Assert.False(Success("10"));
        Assert.Single(Directory.EnumerateFiles(Path.Combine(_folder, "dt=2024-01-01", "hour=10"), "part-*"));

        restored.ProcessWatermark(At(12, 0));
        restored.Snapshot(2);
        restored.NotifyCheckpointComplete(2);

        Assert.True(Success("10"));
    }

    private PartitionedFileSink Sink()
    {
        var registry = new ConnectorRegistry().Add(new FileSystemTableFactory()).AddStandardFormats();
        var table = registry.CreateSink(new TableContext("logs", Logs, new Dictionary<string, string>
        {
            ["connector"] = "filesystem",
            ["path"] = _folder,
            ["format"] = "csv",
            ["sink.partition-commit.trigger"] = "partition-time",
            ["partition.time-extractor.timestamp-pattern"] = "$dt $hour:00:00",
            ["sink.partition-commit.delay"] = "1 h",
            ["sink.partition-commit.policy.kind"] = "success-file",
        }) { PartitionKeys = ["dt", "hour"] });
        Assert.True(Assert.IsAssignableFrom<IPartitionedTableSink>(table).NeedsWatermarks);
        return (PartitionedFileSink)Assert.IsType<SinkHandle<PartitionedFileCommittable>>(table.Sink).Sink;
    }

    private bool Success(string hour) => File.Exists(Path.Combine(_folder, "dt=2024-01-01", "hour=" + hour, "_SUCCESS"));

    private static long At(int hour, int minute) => new DateTimeOffset(2024, 1, 1, hour, minute, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static RecordBatch Rows(params (long Id, string Dt, string Hour)[] rows)
    {
        using var builder = new RecordBatchBuilder(Logs);
        foreach (var (id, dt, hour) in rows)
        {
            builder.AppendRow(id, dt, hour);
        }

        return builder.Build();
    }
}
