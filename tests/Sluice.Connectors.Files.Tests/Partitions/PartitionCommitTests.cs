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

namespace Sluice.Connectors.Files.Tests.Partitions;

/// <summary>
/// The partition commit of a partitioned file sink at parallelism 1 and 4, driven as the runtime's sink operator drives
/// writers and committers (a committable list per subtask and checkpoint, union state restored into subtask 0,
/// commit notifications reaching the subtasks one at a time, crashes between them): a partition is committed (its
/// success file written) once, only after every writer's files of it are visible; the rows are there exactly once.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PartitionCommitTests : IDisposable
{
    private static readonly Schema Orders = Schema.Of(
        new Field("id", DataTypes.BigInt()), new Field("dt", DataTypes.String()), new Field("name", DataTypes.String()));

    private readonly CsvDirectory _directory = new();
    private readonly ConnectorRegistry _registry = new ConnectorRegistry().Add(new FileSystemTableFactory()).AddStandardFormats();
    private readonly SteppedClock _clock = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Partition_IsCommittedOnce_AfterEveryWritersFilesOfItAreVisible(int parallelism)
    {
        var sink = Sink(("sink.partition-commit.policy.kind", "success-file"));
        var job = new SimulatedSink(sink, parallelism, "a1", _clock);
        var expected = WriteEveryPartitionFromEverySubtask(job, ["2024-01-01", "2024-01-02"], firstId: 0);
        job.PrepareAll(1);

        // Checkpoint 1 completes; the notifications reach the subtasks one at a time, the last one last.
        for (var subtask = parallelism - 1; subtask >= 0; subtask--)
        {
            job.Notify(subtask, 1);
            var last = subtask == 0;
            foreach (var dt in new[] { "2024-01-01", "2024-01-02" })
            {
                Assert.Equal(last, SuccessFile(dt));
                if (last)
                {
                    // Every writer's rows of the partition are visible when its success file appears.
                    Assert.Equal(expected[dt].Order(StringComparer.Ordinal), Rows(dt));
                    File.Delete(SuccessPath(dt));
                }
            }
        }

        // Later checkpoints without new data of these partitions do not commit them again.
        job.PrepareAll(2);
        job.NotifyAll(2);
        job.FinishAll();
        job.PrepareAll(3);
        job.NotifyAll(3);
        Assert.False(SuccessFile("2024-01-01"));
        Assert.False(SuccessFile("2024-01-02"));
    }

    [Fact]
    public void PartitionTimeTrigger_WaitsForTheSlowestWritersWatermark()
    {
        var sink = Sink(("sink.partition-commit.trigger", "partition-time"), ("sink.partition-commit.policy.kind", "success-file"));
        var job = new SimulatedSink(sink, 2, "a1", _clock);
        WriteEveryPartitionFromEverySubtask(job, ["2024-01-01"], firstId: 0);
        var day1 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        job.Watermark(0, day1 + 1);
        job.Watermark(1, day1 - 1);
        job.PrepareAll(1);
        job.NotifyAll(1);
        Assert.False(SuccessFile("2024-01-01"));

        job.Watermark(1, day1 + 1);
        job.PrepareAll(2);
        job.NotifyAll(2);
        Assert.True(SuccessFile("2024-01-01"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void CrashBetweenTheSubtasksCommits_NoEarlySuccessFile_RowsExactlyOnce(int parallelism)
    {
        var sink = Sink(("sink.partition-commit.delay", "0 s"), ("sink.partition-commit.policy.kind", "success-file"));
        string[] first = ["2024-01-01", "2024-01-02", "2024-01-03"];
        string[] second = ["2024-01-04", "2024-01-05"];

        // Attempt 1: checkpoint 1 holds every subtask's rows of the first partitions; it completes, but only half of the
        // subtasks commit it before the job dies (with rows of the second partitions written after the barrier).
        var attempt1 = new SimulatedSink(sink, parallelism, "a1", _clock);
        var expected = WriteEveryPartitionFromEverySubtask(attempt1, first, firstId: 0);
        attempt1.PrepareAll(1);
        var checkpoint1 = attempt1.Snapshot();
        for (var subtask = parallelism - 1; subtask >= parallelism / 2; subtask--)
        {
            attempt1.Notify(subtask, 1);
            CheckNoEarlySuccess(expected);
        }

        WriteEveryPartitionFromEverySubtask(attempt1, second, firstId: 1000);
        CheckNoEarlySuccess(expected);

        // Attempt 2 restores checkpoint 1: subtask 0 commits every subtask's files of it and aborts the leftovers.
        var attempt2 = new SimulatedSink(sink, parallelism, "a2", _clock, restored: checkpoint1);
        CheckNoEarlySuccess(expected);
        foreach (var (dt, rows) in WriteEveryPartitionFromEverySubtask(attempt2, second, firstId: 1000))
        {
            expected[dt] = rows;
        }

        attempt2.PrepareAll(2);
        var checkpoint2 = attempt2.Snapshot();
        for (var subtask = 0; subtask < parallelism - 1; subtask++)
        {
            attempt2.Notify(subtask, 2);
            CheckNoEarlySuccess(expected);
        }

        // It dies before the last subtask commits checkpoint 2; attempt 3 restores it and finishes.
        var attempt3 = new SimulatedSink(sink, parallelism, "a3", _clock, restored: checkpoint2);
        CheckNoEarlySuccess(expected);
        attempt3.FinishAll();
        attempt3.PrepareAll(3);
        for (var subtask = 0; subtask < parallelism; subtask++)
        {
            attempt3.Notify(subtask, 3);
            CheckNoEarlySuccess(expected);
        }

        foreach (var (dt, rows) in expected)
        {
            Assert.True(SuccessFile(dt), dt);
            Assert.Equal(rows.Order(StringComparer.Ordinal), Rows(dt));
        }

        Assert.Empty(Directory.EnumerateFiles(_directory.Path, ".*", SearchOption.AllDirectories));
    }

    /// <summary>A partition with a success file shows every row written into it (data arrives in one checkpoint here).</summary>
    private void CheckNoEarlySuccess(Dictionary<string, List<string>> expected)
    {
        foreach (var (dt, rows) in expected)
        {
            if (SuccessFile(dt))
            {
                Assert.Equal(rows.Order(StringComparer.Ordinal), Rows(dt));
            }
        }
    }

    [Fact]
    public void CommittedPartitions_AreForgotten_OnceNoWriterCanMarkThem_AndTheCoordinatorGoesWithTheLastWriter()
    {
        var sink = Sink(("sink.partition-commit.policy.kind", "success-file"));
        var job = new SimulatedSink(sink, 2, "a1", _clock);
        var coordinator = ((PartitionedFileSink)sink).CoordinatorOf("a1")!;
        var days = Enumerable.Range(1, 12).Select(d => $"2024-01-{d:00}").ToList();
        for (var i = 0; i < days.Count; i++)
        {
            // A new partition per checkpoint, from alternating subtasks (a long job writing an hourly partition).
            using (var builder = new RecordBatchBuilder(Orders))
            {
                builder.AppendRow((long)i, days[i], "x");
                using var batch = builder.Build();
                job.Write(i % 2, batch);
            }

            job.PrepareAll(i + 1);
            job.NotifyAll(i + 1);
            Assert.True(SuccessFile(days[i]));
            File.Delete(SuccessPath(days[i]));
            Assert.InRange(coordinator.RememberedCount, 0, 2);
        }

        // Forgetting never commits a partition twice: no success file comes back, also at the end.
        job.FinishAll();
        job.PrepareAll(days.Count + 1);
        job.NotifyAll(days.Count + 1);
        Assert.All(days, dt => Assert.False(SuccessFile(dt)));
        Assert.Equal(days.Select((dt, i) => $"{i},x"), days.SelectMany(Rows));

        job.DisposeWriters();
        Assert.Null(((PartitionedFileSink)sink).CoordinatorOf("a1"));
    }

    /// <summary>Every subtask writes two rows into each partition; returns the rows per partition (<c>id,name</c> lines).</summary>
    [Fact]
    public void HourlyPartitions_WritersOfInactivePartitionsAreReleased_AndEveryRowIsCommittedOnce()
    {
        // A long job with hourly partitions: each checkpoint interval writes the current hour (and, once, an hour long
        // closed, which gets a new writer whose files must not take the names of the hour's committed ones).
        var job = new SimulatedSink(Sink(("sink.partition-commit.policy.kind", "success-file")), 1, "a1", _clock);
        var expected = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var id = 0L;
        for (var hour = 0; hour < 48; hour++)
        {
            var partitions = hour == 30 ? new[] { $"h{hour:D2}", "h03" } : [$"h{hour:D2}"];
            using (var builder = new RecordBatchBuilder(Orders))
            {
                foreach (var dt in partitions)
                {
                    builder.AppendRow(id, dt, "x");
                    (expected.TryGetValue(dt, out var rows) ? rows : expected[dt] = []).Add($"{id++},x");
                }

                using var batch = builder.Build();
                job.Write(0, batch);
            }

            job.PrepareAll(hour + 1);
            job.NotifyAll(hour + 1);
            // The hour just written and at most the one before hold a writer (after hour 30 also h03, for one interval).
            Assert.InRange(job.OpenWriters(0), 1, hour == 30 ? 3 : 2);
        }

        job.FinishAll();
        job.PrepareAll(49);
        job.NotifyAll(49);
        Assert.Equal(0, job.OpenWriters(0));
        foreach (var (dt, rows) in expected)
        {
            Assert.Equal(rows.Order(StringComparer.Ordinal), Rows(dt));
        }
    }

    [Fact]
    public void CrashAndRestore_WithReleasedWriters_OverSeveralCheckpoints_RowsExactlyOnce()
    {
        var sink = Sink(("sink.partition-commit.policy.kind", "success-file"));
        var expected = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var id = 0L;
        void Write(SimulatedSink job, int subtask, params string[] partitions)
        {
            using var builder = new RecordBatchBuilder(Orders);
            foreach (var dt in partitions)
            {
                builder.AppendRow(id, dt, $"s{subtask}");
                (expected.TryGetValue(dt, out var rows) ? rows : expected[dt] = []).Add($"{id++},s{subtask}");
            }

            using var batch = builder.Build();
            job.Write(subtask, batch);
        }

        // Attempt 1: checkpoints 1 and 2 complete, 3 is pre-committed (in the snapshot) but never notified; the rows
        // after it are lost with the crash and written again by the next attempt.
        var attempt1 = new SimulatedSink(sink, 2, "a1", _clock);
        Write(attempt1, 0, "p1", "p2", "p3");
        Write(attempt1, 1, "p1", "p3");
        attempt1.PrepareAll(1);
        attempt1.NotifyAll(1);
        Write(attempt1, 0, "p2", "p4");
        Write(attempt1, 1, "p4");
        attempt1.PrepareAll(2);
        attempt1.NotifyAll(2);
        Assert.Equal(2, attempt1.OpenWriters(0));
        Assert.Equal(1, attempt1.OpenWriters(1));
        Write(attempt1, 0, "p1", "p5");
        Write(attempt1, 1, "p2");
        attempt1.PrepareAll(3);
        var snapshot = attempt1.Snapshot();
        var lost = id;
        Write(attempt1, 0, "p1");
        expected["p1"].RemoveAt(expected["p1"].Count - 1);
        Assert.Equal(lost + 1, id);

        // Attempt 2 restores checkpoint 3 (its files are committed on restore) and goes on writing old partitions.
        var attempt2 = new SimulatedSink(sink, 2, "a2", _clock, snapshot);
        Write(attempt2, 0, "p1", "p3");
        Write(attempt2, 1, "p5");
        attempt2.PrepareAll(4);
        attempt2.NotifyAll(4);
        attempt2.FinishAll();
        attempt2.PrepareAll(5);
        attempt2.NotifyAll(5);
        foreach (var (dt, rows) in expected)
        {
            Assert.Equal(rows.Order(StringComparer.Ordinal), Rows(dt));
        }
    }

    private static Dictionary<string, List<string>> WriteEveryPartitionFromEverySubtask(SimulatedSink job, string[] partitions, long firstId)
    {
        var expected = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var id = firstId;
        for (var subtask = 0; subtask < job.Parallelism; subtask++)
        {
            using var builder = new RecordBatchBuilder(Orders);
            foreach (var dt in partitions)
            {
                for (var i = 0; i < 2; i++, id++)
                {
                    builder.AppendRow(id, dt, $"s{subtask}");
                    (expected.TryGetValue(dt, out var rows) ? rows : expected[dt] = []).Add($"{id},s{subtask}");
                }
            }

            using var batch = builder.Build();
            job.Write(subtask, batch);
        }

        return expected;
    }

    private ISink<PartitionedFileCommittable> Sink(params (string Key, string Value)[] options)
    {
        var all = new Dictionary<string, string> { ["connector"] = "filesystem", ["path"] = _directory.Path, ["format"] = "csv" };
        foreach (var (key, value) in options)
        {
            all[key] = value;
        }

        var table = _registry.CreateSink(new TableContext("orders", Orders, all) { PartitionKeys = ["dt"] });
        return Assert.IsType<SinkHandle<PartitionedFileCommittable>>(table.Sink).Sink;
    }

    private string SuccessPath(string dt) => Path.Combine(_directory.Path, "dt=" + dt, "_SUCCESS");

    private bool SuccessFile(string dt) => File.Exists(SuccessPath(dt));

    private List<string> Rows(string dt)
    {
        var folder = Path.Combine(_directory.Path, "dt=" + dt);
        return !Directory.Exists(folder)
            ? []
            : [.. Directory.EnumerateFiles(folder)
                .Where(f => !Path.GetFileName(f).StartsWith('.') && !Path.GetFileName(f).StartsWith('_'))
                .SelectMany(File.ReadAllLines)
                .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The sink as the runtime's sink operator runs it: per subtask a writer, a committer and the pre-committed lists by
    /// checkpoint; a snapshot is every subtask's pending lists (union state, through the serializer); a restore commits
    /// it all on subtask 0, then aborts the leftovers. Crashed attempts are simply abandoned.
    /// </summary>
    private sealed class SimulatedSink
    {
        private readonly ISink<PartitionedFileCommittable> _sink;
        private readonly ISinkWriter<PartitionedFileCommittable>[] _writers;
        private readonly ISinkCommitter<PartitionedFileCommittable>[] _committers;
        private readonly SortedDictionary<long, IReadOnlyList<PartitionedFileCommittable>>[] _pending;

        public SimulatedSink(ISink<PartitionedFileCommittable> sink, int parallelism, string attempt, TimeProvider time,
            IReadOnlyList<PartitionedFileCommittable>? restored = null)
        {
            _sink = sink;
            Parallelism = parallelism;
            _writers = new ISinkWriter<PartitionedFileCommittable>[parallelism];
            _committers = new ISinkCommitter<PartitionedFileCommittable>[parallelism];
            _pending = new SortedDictionary<long, IReadOnlyList<PartitionedFileCommittable>>[parallelism];
            for (var i = 0; i < parallelism; i++)
            {
                var context = new SinkContext(i, parallelism, attempt, time);
                _committers[i] = sink.CreateCommitter(context);
                if (i == 0)
                {
                    if (restored is { Count: > 0 })
                    {
                        _committers[0].Commit(restored);
                    }

                    _committers[0].AbortLeftovers(attempt);
                }

                _writers[i] = sink.CreateWriter(context);
                _pending[i] = [];
            }
        }

        public int Parallelism { get; }

        public void Write(int subtask, RecordBatch batch) => _writers[subtask].Write(batch);

        public void Watermark(int subtask, long watermark) => ((IWatermarkAwareSinkWriter)_writers[subtask]).OnWatermark(watermark);

        public void FinishAll()
        {
            foreach (var writer in _writers)
            {
                writer.Finish();
            }
        }

        public void PrepareAll(long checkpointId)
        {
            for (var i = 0; i < Parallelism; i++)
            {
                var committables = _writers[i].PrepareCommit(checkpointId);
                if (committables.Count > 0)
                {
                    _pending[i][checkpointId] = committables;
                }
            }
        }

        public List<PartitionedFileCommittable> Snapshot() =>
            [.. _pending.SelectMany(p => p.Values).SelectMany(list => list).Select(RoundTrip)];

        public void Notify(int subtask, long checkpointId)
        {
            var done = _pending[subtask].Where(p => p.Key <= checkpointId).ToList();
            if (done.Count == 0)
            {
                return;
            }

            _committers[subtask].Commit([.. done.SelectMany(p => p.Value)]);
            foreach (var (id, _) in done)
            {
                _pending[subtask].Remove(id);
            }
        }

        public int OpenWriters(int subtask) => Assert.IsType<PartitionedFileSinkWriter>(_writers[subtask]).OpenWriterCount;

        public void DisposeWriters()
        {
            foreach (var writer in _writers)
            {
                writer.Dispose();
            }
        }

        public void NotifyAll(long checkpointId)
        {
            for (var i = 0; i < Parallelism; i++)
            {
                Notify(i, checkpointId);
            }
        }

        private PartitionedFileCommittable RoundTrip(PartitionedFileCommittable committable)
        {
            using var writer = new BinaryBufferWriter();
            _sink.CommittableSerializer.Serialize(committable, writer);
            return _sink.CommittableSerializer.Deserialize(new BinaryBufferReader(writer.ToArray()));
        }
    }
}
