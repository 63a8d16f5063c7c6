using Sluice.Runtime.Operators;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Keys;
using Sluice.Core.Time;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators.Sinks;
using Sluice.Runtime.Operators.Sources;
using Sluice.Runtime.Partitioning;
using Sluice.State.Checkpoints;
using Sluice.Testing;
using Sluice.Testing.Operators;
using Sluice.Testing.Sinks;
using Sluice.Testing.Sources;

namespace Sluice.Runtime.Tests.Checkpointing;

[Collection(JobTestCollection.Name)]
public sealed class SavepointTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sluice-savepoint-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 1)]
    public async Task StopWithSavepoint_ThenRestore_CommitsEveryRecordExactlyOnce(int parallelism, int restoredParallelism)
    {
        var options = new SequenceSourceOptions { Splits = 6, KeysPerSplit = 8, RowsPerSplit = 4_000, BatchSize = 20 };
        var store = new CollectStore<SequenceCount>();
        var throttled = new SequenceSource(options with { RowsPerSecond = 4_000 });
        var config = new JobConfig { CheckpointStorage = new DirectoryCheckpointStorage(Path.Combine(_dir, "checkpoints")) };
        string savepoint;
        await using (var client = LocalExecutor.Start(TestJobs.SequenceCheck(throttled, store, parallelism), config))
        {
            await Eventually.TrueAsync(() => client.Status == JobStatus.Running && RecordsInto(client, "check") >= 1_000,
                "the first records to be processed");

            savepoint = await Eventually.Within(client.StopWithSavepointAsync(Path.Combine(_dir, "savepoints")), "stop with savepoint");

            var stopped = await client.Completion;
            Assert.True(stopped.Status == JobStatus.Stopped, stopped.Failure?.ToString());
            Assert.Equal(savepoint, stopped.SavepointPath);
        }

        var committedAtStop = store.CommittedCount;
        var all = new SequenceSource(options);
        Assert.InRange(committedAtStop, 1, all.AllEvents().Count() - 1);
        var loaded = await DirectoryCheckpointStorage.LoadAsync(savepoint, CancellationToken.None);
        Assert.Equal(parallelism, loaded.Operators.Single(o => o.OperatorId == "check").Parallelism);

        var result = await Eventually.Within(
            LocalExecutor.RunAsync(TestJobs.SequenceCheck(all, store, restoredParallelism), config with { RestoreFrom = savepoint }),
            "the restored job");

        Assert.True(result.Status == JobStatus.Finished, result.Failure?.ToString());
        var expected = all.AllEvents().Select(e => (e.Key, e.Seq)).Order().ToList();
        var actual = store.Committed.Select(c => (c.Key, c.Seq)).Order().ToList();
        Assert.Equal(expected, actual);
        Assert.All(store.Committed, c => Assert.Equal(c.Seq, c.Count));
    }

    [Fact]
    public async Task RestoreFrom_SavepointWithStateOfARemovedOperator_FailsNamingItWithoutRestarting()
    {
        var savepoint = await TakeSavepointAsync(Job("check"));
        var config = new JobConfig { RestoreFrom = savepoint, RestartStrategy = RestartStrategy.FixedDelay(5, TimeSpan.Zero) };

        var result = await Eventually.Within(LocalExecutor.RunAsync(Job("check-v2"), config), "the job to end");

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Equal(0, result.Restarts);
        var failure = Assert.IsType<CheckpointException>(result.Failure);
        Assert.Equal(ErrorDomain.User, failure.Domain);
        Assert.Contains("'check'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestoreFrom_AllowNonRestoredState_DropsTheStateOfTheRemovedOperatorAndRuns()
    {
        var store = new CollectStore<SequenceCount>();
        var savepoint = await TakeSavepointAsync(Job("check", store));
        var config = new JobConfig { RestoreFrom = savepoint, AllowNonRestoredState = true };

        // The new version's operator is stateless: a sequence check would (rightly) fail on a stream that resumes mid-way.
        await using var client = LocalExecutor.Start(Job("check-v2", store, () => new StatelessCountOperator()), config);
        await Eventually.TrueAsync(() => client.Status == JobStatus.Running, "the restored job to run");

        Assert.Equal(JobStatus.Cancelled, (await client.CancelAsync()).Status);
    }

    [Fact]
    public async Task RestoreFrom_SavepointOfAnotherMaxParallelism_FailsNamingBothWithoutRestarting()
    {
        var savepoint = await TakeSavepointAsync(Job("check"));
        var config = new JobConfig
        {
            RestoreFrom = savepoint,
            MaxParallelism = 64,
            RestartStrategy = RestartStrategy.FixedDelay(5, TimeSpan.Zero),
        };

        var result = await Eventually.Within(LocalExecutor.RunAsync(Job("check"), config), "the job to end");

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Equal(0, result.Restarts);
        var failure = Assert.IsType<CheckpointException>(result.Failure);
        Assert.Contains("128", failure.Message, StringComparison.Ordinal);
        Assert.Contains("64", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestoreFrom_PathThatDoesNotExist_FailsWithoutRestarting()
    {
        var config = new JobConfig
        {
            RestoreFrom = Path.Combine(_dir, "no-such-savepoint"),
            RestartStrategy = RestartStrategy.FixedDelay(5, TimeSpan.Zero),
        };

        var result = await Eventually.Within(LocalExecutor.RunAsync(Job("check"), config), "the job to end");

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Equal(0, result.Restarts);
        Assert.Contains("does not exist", Assert.IsType<CheckpointException>(result.Failure).Message, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="graph"/> on a manual clock, lets some rows through, takes a savepoint and cancels.</summary>
    private async Task<string> TakeSavepointAsync(JobGraph graph)
    {
        var time = new ManualTimeProvider();
        var storage = new DirectoryCheckpointStorage(Path.Combine(_dir, "checkpoints"));
        var config = new JobConfig { TimeProvider = time, CheckpointStorage = storage };
        await using var client = LocalExecutor.Start(graph, config);
        await Eventually.TrueAsync(() => client.Status == JobStatus.Running, "the job to run");
        time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(() => RecordsInto(client, "sink") > 0, "rows to reach the sink");
        var savepoint = await Eventually.Within(client.TriggerSavepointAsync(Path.Combine(_dir, "savepoints")), "the savepoint");
        await client.CancelAsync();
        return savepoint.Path;
    }

    /// <summary>An unbounded, throttled source → hash → sequence check (with the given id) → sink.</summary>
    private static JobGraph Job(string checkId, CollectStore<SequenceCount>? store = null, Func<StreamOperator>? check = null)
    {
        var source = new SequenceSource(new SequenceSourceOptions
        {
            Splits = 2, KeysPerSplit = 4, RowsPerSplit = null, BatchSize = 5, RowsPerSecond = 10,
        });
        var graph = new JobGraph("versioned");
        var src = graph.AddSource("source", "Source", 1, () => new SourceOperator<SequenceSplit>(source, WatermarkStrategy.None));
        var checkVertex = graph.AddOperator(checkId, "Sequence check", 1, check ?? (() => new SequenceCheckOperator()));
        var sink = graph.AddOperator("sink", "Sink", 1,
            () => new SinkOperator<string>(new CollectSink<SequenceCount>(store ?? new CollectStore<SequenceCount>())));
        graph.Connect(src, checkVertex, PartitionerKind.Hash, new ElementKeySelector<SequenceEvent, long>(e => e.Key, KeyHashers.Int64));
        graph.Connect(checkVertex, sink, PartitionerKind.Forward);
        return graph;
    }

    private static long RecordsInto(JobClient client, string operatorId) =>
        client.Metrics.Snapshot().Operators.Where(o => o.OperatorId == operatorId).Sum(o => o.RecordsIn);

    /// <summary>Turns events into counts without state (the count is always 0).</summary>
    private sealed class StatelessCountOperator : StreamOperator
    {
        public override void ProcessBatch(IBatch batch, IOutput output)
        {
            var input = (ElementBatch<SequenceEvent>)batch;
            var result = new ElementBatch<SequenceCount>(input.RowCount);
            foreach (var e in input.Items)
            {
                result.Add(new SequenceCount(e.Key, e.Seq, 0));
            }

            batch.Dispose();
            output.Collect(result);
        }
    }
}
