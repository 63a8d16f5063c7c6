using Sluice.Core.Errors;
using Sluice.Core.Messages;
using Sluice.Runtime.Checkpointing;
using Sluice.Runtime.Execution;
using Sluice.State.Checkpoints;
using Sluice.Testing;
using Sluice.Testing.Operators;
using Sluice.Testing.Sinks;

namespace Sluice.Runtime.Tests.Checkpointing;

[Collection(JobTestCollection.Name)]
public sealed class CheckpointCoordinatorTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PastTimeout = TimeSpan.FromSeconds(11);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sluice-coordinator-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _time = new();
    private readonly CollectStore<SequenceCount> _store = new();

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task TriggerCheckpointAsync_RunningJob_CompletesAndIsInTheStorage()
    {
        var storage = new InMemoryCheckpointStorage();
        await using var client = LocalExecutor.Start(QuietJobs.SequenceCheck(_store, parallelism: 2), Config(storage));
        await QuietJobs.WaitUntilRunningAsync(client);

        var checkpoint = await Eventually.Within(client.TriggerCheckpointAsync(), "the checkpoint");

        Assert.Equal(CheckpointKind.Checkpoint, checkpoint.Kind);
        var latest = await storage.FindLatestAsync(CancellationToken.None);
        Assert.NotNull(latest);
        Assert.Equal(checkpoint.CheckpointId, latest.CheckpointId);
        Assert.Equal(checkpoint.CheckpointId, client.LatestCheckpoint?.CheckpointId);
        Assert.Equal(["check", "sink", "source"], latest.Operators.Select(o => o.OperatorId));
        Assert.All(latest.Operators, o => Assert.Equal([0, 1], o.Subtasks.Select(s => s.SubtaskIndex)));
        var sourceState = latest.Operators.Single(o => o.OperatorId == "source").Subtasks[0].OperatorState;
        Assert.NotNull(sourceState);
        var bytes = await storage.ReadStateAsync(latest.Path, sourceState, CancellationToken.None);
        Assert.Equal(sourceState.Length, bytes.Length);
    }

    [Fact]
    public async Task TriggerCheckpointAsync_DirectoryStorage_WritesCompletedCheckpointFolder()
    {
        var storage = new DirectoryCheckpointStorage(_dir);
        await using var client = LocalExecutor.Start(QuietJobs.SequenceCheck(_store), Config(storage));
        await QuietJobs.WaitUntilRunningAsync(client);

        var first = await Eventually.Within(client.TriggerCheckpointAsync(), "checkpoint 1");
        var second = await Eventually.Within(client.TriggerCheckpointAsync(), "checkpoint 2");

        Assert.True(second.CheckpointId > first.CheckpointId);
        Assert.True(File.Exists(Path.Combine(second.Path, DirectoryCheckpointStorage.MetadataFileName)));
        var loaded = await DirectoryCheckpointStorage.LoadAsync(second.Path, CancellationToken.None);
        Assert.Equal(second, loaded);
        Assert.Equal(second.CheckpointId, (await storage.FindLatestAsync(CancellationToken.None))?.CheckpointId);
    }

    [Fact]
    public async Task PeriodicCheckpoints_IntervalElapses_TriggersAndCompletesACheckpoint()
    {
        var storage = new InMemoryCheckpointStorage();
        await using var client = LocalExecutor.Start(QuietJobs.SequenceCheck(_store),
            Config(storage) with { CheckpointInterval = TimeSpan.FromSeconds(30) });
        await QuietJobs.WaitUntilRunningAsync(client);
        Assert.Equal(0, client.Metrics.CheckpointsCompleted);

        _time.Advance(TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => client.Metrics.CheckpointsCompleted == 1, "the first periodic checkpoint");

        _time.Advance(TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => client.Metrics.CheckpointsCompleted == 2, "the second periodic checkpoint");
        Assert.Equal(2, (await storage.FindLatestAsync(CancellationToken.None))?.CheckpointId);
    }

    [Fact]
    public async Task CheckpointTimeout_NoTolerableFailures_FailsTheJobOver()
    {
        using var storage = new StallingCheckpointStorage(new InMemoryCheckpointStorage(), id => id == 1);
        var config = Config(storage) with
        {
            TolerableCheckpointFailures = 0,
            RestartStrategy = RestartStrategy.FixedDelay(1, TimeSpan.Zero),
        };
        await using var client = LocalExecutor.Start(QuietJobs.SequenceCheck(_store), config);
        await QuietJobs.WaitUntilRunningAsync(client);

        var stalled = client.TriggerCheckpointAsync();
        await Eventually.TrueAsync(() => storage.StalledWrites > 0, "a task writing its state for checkpoint 1");
        _time.Advance(PastTimeout);

        var ex = await Assert.ThrowsAsync<CheckpointException>(() => stalled);
        Assert.Contains("did not complete within", ex.Message, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => client.Metrics.Restarts == 1 && client.Status == JobStatus.Running, "the job to restart");
        var afterRestart = await Eventually.Within(client.TriggerCheckpointAsync(), "a checkpoint after the restart");
        Assert.True(afterRestart.CheckpointId > 1);

        var result = await client.CancelAsync();
        Assert.Equal(JobStatus.Cancelled, result.Status);
        Assert.Equal(1, result.Restarts);
    }

    [Fact]
    public async Task CheckpointTimeout_NoTolerableFailuresAndNoRestart_FailsTheJobWithTheCheckpointFailure()
    {
        using var storage = new StallingCheckpointStorage(new InMemoryCheckpointStorage(), _ => true);
        var config = Config(storage) with { TolerableCheckpointFailures = 0 };
        await using var client = LocalExecutor.Start(QuietJobs.SequenceCheck(_store), config);
        await QuietJobs.WaitUntilRunningAsync(client);

        var stalled = client.TriggerCheckpointAsync();
        _time.Advance(PastTimeout);
        var result = await Eventually.Within(client.Completion, "the job to end");

        await Assert.ThrowsAsync<CheckpointException>(() => stalled);
        Assert.Equal(JobStatus.Failed, result.Status);
        var failure = Assert.IsType<CheckpointException>(result.Failure);
        Assert.Contains("exceed the tolerable 0", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, result.Restarts);
        Assert.Equal(1, client.Metrics.CheckpointsFailed);
    }

    [Fact]
    public async Task CheckpointTimeout_WithinTolerableFailures_KeepsTheJobRunning()
    {
        using var storage = new StallingCheckpointStorage(new InMemoryCheckpointStorage(), id => id <= 2);
        var config = Config(storage) with { TolerableCheckpointFailures = 2 };
        await using var client = LocalExecutor.Start(QuietJobs.SequenceCheck(_store), config);
        await QuietJobs.WaitUntilRunningAsync(client);

        for (var i = 0; i < 2; i++)
        {
            var stalled = client.TriggerCheckpointAsync();
            _time.Advance(PastTimeout);
            await Assert.ThrowsAsync<CheckpointException>(() => stalled);
        }

        var completed = await Eventually.Within(client.TriggerCheckpointAsync(), "checkpoint 3");

        Assert.Equal(3, completed.CheckpointId);
        Assert.Equal(JobStatus.Running, client.Status);
        Assert.Equal(2, client.Metrics.CheckpointsFailed);
        Assert.Equal(0, client.Metrics.Restarts);
        Assert.Equal(JobStatus.Cancelled, (await client.CancelAsync()).Status);
    }

    [Fact]
    public async Task CheckpointTimeout_CompletedCheckpointInBetween_ResetsTheConsecutiveFailureCount()
    {
        using var storage = new StallingCheckpointStorage(new InMemoryCheckpointStorage(), id => id != 2);
        var config = Config(storage) with { TolerableCheckpointFailures = 1 };
        await using var client = LocalExecutor.Start(QuietJobs.SequenceCheck(_store), config);
        await QuietJobs.WaitUntilRunningAsync(client);

        var first = client.TriggerCheckpointAsync();
        _time.Advance(PastTimeout);
        await Assert.ThrowsAsync<CheckpointException>(() => first);
        await Eventually.Within(client.TriggerCheckpointAsync(), "checkpoint 2");
        var third = client.TriggerCheckpointAsync();
        _time.Advance(PastTimeout);
        await Assert.ThrowsAsync<CheckpointException>(() => third);
        Assert.Equal(JobStatus.Running, client.Status);

        var fourth = client.TriggerCheckpointAsync();
        _time.Advance(PastTimeout);
        var result = await Eventually.Within(client.Completion, "the job to fail");

        await Assert.ThrowsAsync<CheckpointException>(() => fourth);
        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.IsType<CheckpointException>(result.Failure);
        Assert.Equal(3, client.Metrics.CheckpointsFailed);
    }

    [Fact]
    public async Task CheckpointTimeout_StorageCompletesItAfterTheTimeout_JobStillRestartsFromACheckpoint()
    {
        using var storage = new StallingCheckpointStorage(new InMemoryCheckpointStorage(), id => id == 2, stallCompletion: true);
        var config = Config(storage) with
        {
            TolerableCheckpointFailures = 0,
            RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.FromMinutes(1)),
        };
        await using var client = LocalExecutor.Start(QuietJobs.SequenceCheck(_store), config);
        await QuietJobs.WaitUntilRunningAsync(client);
        Assert.Equal(1, (await Eventually.Within(client.TriggerCheckpointAsync(), "checkpoint 1")).CheckpointId);

        // Checkpoint 2: every task acknowledged, but the metadata write is slow and lands after the timeout.
        var late = client.TriggerCheckpointAsync();
        await Eventually.TrueAsync(() => storage.StalledCompletions == 1, "the completion of checkpoint 2 to start");
        _time.Advance(PastTimeout);
        await Assert.ThrowsAsync<CheckpointException>(() => late);
        await Eventually.TrueAsync(() => client.Status == JobStatus.Restarting, "the job to wait for its restart");
        storage.Release();
        await Eventually.TrueAsync(() => storage.Completed == 2, "the late completion of checkpoint 2");

        _time.Advance(TimeSpan.FromMinutes(1));

        // Either checkpoint is a valid restore point; the storage must still hold the one the job restores from.
        await Eventually.TrueAsync(() => client.Status == JobStatus.Running, "the job to run again after one restart");
        Assert.Equal(1, client.Metrics.Restarts);
        await Eventually.Within(client.TriggerCheckpointAsync(), "a checkpoint after the restart");
    }

    [Fact]
    public async Task TriggerSavepointAsync_RunningJob_WritesASavepointThatLoadAsyncReadsBack()
    {
        var storage = new DirectoryCheckpointStorage(Path.Combine(_dir, "checkpoints"));
        var savepoints = Path.Combine(_dir, "my-savepoints");
        await using var client = LocalExecutor.Start(QuietJobs.SequenceCheck(_store, parallelism: 2), Config(storage));
        await QuietJobs.WaitUntilRunningAsync(client);
        _time.Advance(TimeSpan.FromSeconds(2)); // let some rows through so that the state is not empty

        var savepoint = await Eventually.Within(client.TriggerSavepointAsync(savepoints), "the savepoint");

        Assert.Equal(CheckpointKind.Savepoint, savepoint.Kind);
        Assert.StartsWith(Path.GetFullPath(savepoints), savepoint.Path, StringComparison.Ordinal);
        var loaded = await DirectoryCheckpointStorage.LoadAsync(savepoint.Path, CancellationToken.None);
        Assert.Equal(savepoint, loaded);
        Assert.Equal(CheckpointKind.Savepoint, loaded.Kind);
        Assert.Equal(["check", "sink", "source"], loaded.Operators.Select(o => o.OperatorId));
        Assert.Equal(JobStatus.Running, client.Status);
    }

    [Fact]
    public async Task TriggerCheckpointAsync_JobNotRunning_ThrowsJobException()
    {
        var client = LocalExecutor.Start(QuietJobs.SequenceCheck(_store), Config(new InMemoryCheckpointStorage()));
        await QuietJobs.WaitUntilRunningAsync(client);
        await client.CancelAsync();

        // Thrown right away, not through the returned task: there is no attempt to trigger on.
        var ex = Assert.Throws<JobException>(() => { _ = client.TriggerCheckpointAsync(); });

        Assert.Contains("Cancelled", ex.Message, StringComparison.Ordinal);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task FinalCheckpoint_LocationCannotBePrepared_IsRetriedWithTheNextIdWithinTolerableFailures()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "chk-1"), "a file where checkpoint 1's folder would go");
        var storage = new DirectoryCheckpointStorage(_dir);
        var source = new Sluice.Testing.Sources.SequenceSource(new Sluice.Testing.Sources.SequenceSourceOptions { Splits = 2, RowsPerSplit = 100 });
        var config = new JobConfig { CheckpointStorage = storage, TolerableCheckpointFailures = 1 };

        var result = await Eventually.Within(LocalExecutor.RunAsync(TestJobs.SequenceCheck(source, _store, parallelism: 1), config), "the job to end");

        Assert.Equal(JobStatus.Finished, result.Status);
        Assert.Equal(2, result.LastCompletedCheckpointId);
        Assert.True(File.Exists(Path.Combine(_dir, "chk-2", DirectoryCheckpointStorage.MetadataFileName)));
    }

    private JobConfig Config(ICheckpointStorage storage) => new()
    {
        TimeProvider = _time,
        CheckpointStorage = storage,
        CheckpointTimeout = Timeout,
        AutoWatermarkInterval = TimeSpan.FromSeconds(1),
    };
}
