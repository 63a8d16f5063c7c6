using Sluice.Runtime.Execution;
using Sluice.State.Checkpoints;
using Sluice.Testing.Faults;
using Sluice.Testing.Operators;
using Sluice.Testing.Sinks;
using Sluice.Testing.Sources;

namespace Sluice.Runtime.Tests.Execution;

public class FailoverTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sluice-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task OperatorFailures_RestoreFromCheckpoint_ExactlyOnceOutput()
    {
        var source = new SequenceSource(new SequenceSourceOptions { Splits = 4, KeysPerSplit = 8, RowsPerSplit = 20_000, BatchSize = 50 });
        var store = new CollectStore<SequenceCount>();
        var failures = new FailureInjector(seed: 7, maxFailures: 3).Arm("operator", 0.0001);
        var config = new JobConfig
        {
            CheckpointInterval = TimeSpan.FromMilliseconds(20),
            CheckpointStorage = new DirectoryCheckpointStorage(_dir),
            RestartStrategy = RestartStrategy.FixedDelay(10, TimeSpan.Zero),
        };

        var result = await LocalExecutor.RunAsync(TestJobs.SequenceCheck(source, store, 2, failures), config);

        Assert.True(result.Status == JobStatus.Finished, result.Failure?.ToString());
        Assert.Equal(3, failures.TotalInjected);
        Assert.Equal(3, result.Restarts);
        var expected = source.AllEvents().Select(e => (e.Key, e.Seq)).OrderBy(x => x).ToList();
        var actual = store.Committed.Select(c => (c.Key, c.Seq)).OrderBy(x => x).ToList();
        Assert.Equal(expected, actual);
        Assert.All(store.Committed, c => Assert.Equal(c.Seq, c.Count));
    }
}
