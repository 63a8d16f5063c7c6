using Sluice.Runtime.Execution;
using Sluice.Testing.Operators;
using Sluice.Testing.Sinks;
using Sluice.Testing.Sources;

namespace Sluice.Runtime.Tests.Execution;

public class LocalExecutorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task BoundedJob_Finishes_AndCommitsEveryRecordOnce(int parallelism)
    {
        var source = new SequenceSource(new SequenceSourceOptions { Splits = 4, KeysPerSplit = 8, RowsPerSplit = 2000, BatchSize = 100 });
        var store = new CollectStore<SequenceCount>();
        var result = await LocalExecutor.RunAsync(TestJobs.SequenceCheck(source, store, parallelism), new JobConfig());

        Assert.Equal(JobStatus.Finished, result.Status);
        Assert.Null(result.Failure);
        var expected = source.AllEvents().Select(e => (e.Key, e.Seq)).OrderBy(x => x).ToList();
        var actual = store.Committed.Select(c => (c.Key, c.Seq)).OrderBy(x => x).ToList();
        Assert.Equal(expected, actual);
        Assert.All(store.Committed, c => Assert.Equal(c.Seq, c.Count));
    }
}
