using System.Collections.Concurrent;
using Sluice.Core.Batches;
using Sluice.Core.Time;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Operators.Sources;
using Sluice.Testing.Sources;

namespace Sluice.Runtime.Tests.Execution;

[Collection(JobTestCollection.Name)]
public class JobCancellationTests
{
    [Fact]
    public async Task CancelAsync_RunningUnboundedJob_EndsCancelledAndEveryTaskThreadEnds()
    {
        var probes = new ProbeRegistry();
        var config = new JobConfig { CheckpointInterval = TimeSpan.FromMilliseconds(50) };
        await using var client = LocalExecutor.Start(UnboundedJob(probes), config);
        await Eventually.TrueAsync(() => probes.Threads.Count == 5 && probes.Rows > 0, "every task running and rows flowing");

        var result = await Eventually.Within(client.CancelAsync(), "the cancelled job to end");

        Assert.Equal(JobStatus.Cancelled, result.Status);
        Assert.Null(result.Failure);
        Assert.Equal(JobStatus.Cancelled, client.Status);
        Assert.Equal(5, probes.Threads.Distinct().Count());
        Assert.All(probes.Threads, t => Assert.True(t.Join(Eventually.Timeout), $"task thread '{t.Name}' must end"));
        Assert.Equal(5, probes.Closed);
    }

    [Fact]
    public async Task RunAsync_TokenCancelled_EndsCancelled()
    {
        var probes = new ProbeRegistry();
        using var cancellation = new CancellationTokenSource();
        var run = LocalExecutor.RunAsync(UnboundedJob(probes), new JobConfig(), cancellation.Token);
        await Eventually.TrueAsync(() => probes.Rows > 0, "rows flowing");

        cancellation.Cancel();
        var result = await Eventually.Within(run, "the cancelled job to end");

        Assert.Equal(JobStatus.Cancelled, result.Status);
        Assert.All(probes.Threads, t => Assert.True(t.Join(Eventually.Timeout), $"task thread '{t.Name}' must end"));
    }

    [Fact]
    public async Task DisposeAsync_RunningJob_CancelsIt()
    {
        var probes = new ProbeRegistry();
        var client = LocalExecutor.Start(UnboundedJob(probes), new JobConfig());
        await Eventually.TrueAsync(() => probes.Rows > 0, "rows flowing");

        await client.DisposeAsync();

        Assert.True(client.Completion.IsCompleted);
        Assert.Equal(JobStatus.Cancelled, (await client.Completion).Status);
    }

    [Fact]
    public async Task CancelAsync_WhileWaitingToRestart_EndsCancelledWithoutWaitingForTheDelay()
    {
        var source = new SequenceSource(new SequenceSourceOptions { Splits = 1, RowsPerSplit = 100 });
        var graph = new JobGraph("restarting");
        var src = graph.AddSource("source", "Source", 1, () => new SourceOperator<SequenceSplit>(source, WatermarkStrategy.None));
        var failing = graph.AddOperator("failing", "Failing", 1, () => new FailingOperator());
        graph.Connect(src, failing, PartitionerKind.Rebalance);
        var config = new JobConfig { RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.FromDays(1)) };
        await using var client = LocalExecutor.Start(graph, config);
        await Eventually.TrueAsync(() => client.Status == JobStatus.Restarting, "the job to wait for its restart");

        var result = await Eventually.Within(client.CancelAsync(), "the cancelled job to end");

        Assert.Equal(JobStatus.Cancelled, result.Status);
        Assert.Equal(1, result.Restarts);
    }

    /// <summary>source x2 → (chained) probe x2 → rebalance → probe x3: five task threads.</summary>
    private static JobGraph UnboundedJob(ProbeRegistry probes)
    {
        var source = new SequenceSource(new SequenceSourceOptions
        {
            Splits = 4, RowsPerSplit = null, BatchSize = 10, RowsPerSecond = 2_000,
        });
        var graph = new JobGraph("unbounded");
        var src = graph.AddSource("source", "Source", 2, () => new SourceOperator<SequenceSplit>(source, WatermarkStrategy.Monotonous()));
        var first = graph.AddOperator("first", "First probe", 2, () => new ThreadProbeOperator(probes));
        var second = graph.AddOperator("second", "Second probe", 3, () => new ThreadProbeOperator(probes));
        graph.Connect(src, first, PartitionerKind.Forward);
        graph.Connect(first, second, PartitionerKind.Rebalance);
        return graph;
    }

    private sealed class FailingOperator : StreamOperator
    {
        public override void ProcessBatch(IBatch batch, IOutput output)
        {
            batch.Dispose();
            throw new InvalidOperationException("always fails");
        }
    }

    private sealed class ProbeRegistry
    {
        private long _rows;
        private int _closed;

        public ConcurrentBag<Thread> Threads { get; } = [];

        public long Rows => Interlocked.Read(ref _rows);

        public int Closed => Volatile.Read(ref _closed);

        public void AddRows(int rows) => Interlocked.Add(ref _rows, rows);

        public void Close() => Interlocked.Increment(ref _closed);
    }

    /// <summary>Records the thread it runs on (the task thread) and forwards batches.</summary>
    private sealed class ThreadProbeOperator(ProbeRegistry registry) : StreamOperator
    {
        public override void Open(OperatorContext context)
        {
            base.Open(context);
            registry.Threads.Add(Thread.CurrentThread);
        }

        public override void ProcessBatch(IBatch batch, IOutput output)
        {
            registry.AddRows(batch.RowCount);
            output.Collect(batch);
        }

        public override void Close() => registry.Close();
    }
}
