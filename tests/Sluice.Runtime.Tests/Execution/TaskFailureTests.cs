using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.Core.Time;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Operators.Sources;
using Sluice.Runtime.Tests.Operators;
using Sluice.Runtime.Time;
using Sluice.State.Keyed;
using Sluice.State.Timers;
using Sluice.Testing;
using Sluice.Testing.Sources;

namespace Sluice.Runtime.Tests.Execution;

[Collection(JobTestCollection.Name)]
public class TaskFailureTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OperatorThrows_RestartStrategyNone_JobFailsWithTaskFailureNamingTheOperator(bool chaining)
    {
        var config = new JobConfig { RestartStrategy = RestartStrategy.None, ChainingEnabled = chaining };

        var result = await Eventually.Within(LocalExecutor.RunAsync(FailingJob(), config), "the job to end");

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Equal(0, result.Restarts);
        var failure = Assert.IsType<TaskFailureException>(result.Failure);
        Assert.Equal("exploder", failure.OperatorId);
        Assert.Equal(0, failure.SubtaskIndex);
        Assert.Contains("'exploder'", failure.Message, StringComparison.Ordinal);
        var inner = Assert.IsType<InvalidOperationException>(failure.InnerException);
        Assert.Equal("boom", inner.Message);
    }

    [Fact]
    public async Task OperatorAlwaysThrows_FixedDelayRestarts_FailsAfterTheLastRestart()
    {
        var config = new JobConfig { RestartStrategy = RestartStrategy.FixedDelay(2, TimeSpan.Zero) };

        var result = await Eventually.Within(LocalExecutor.RunAsync(FailingJob(), config), "the job to end");

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Equal(2, result.Restarts);
        Assert.Equal("exploder", Assert.IsType<TaskFailureException>(result.Failure).OperatorId);
    }

    [Fact]
    public async Task OperatorThrowsInOpen_RestartStrategyNone_FailureNamesTheOperator()
    {
        var source = new SequenceSource(new SequenceSourceOptions { Splits = 1, RowsPerSplit = 10 });
        var graph = new JobGraph("open-fails");
        var src = graph.AddSource("source", "Source", 1, () => new SourceOperator<SequenceSplit>(source, WatermarkStrategy.None));
        var broken = graph.AddOperator("broken-open", "Broken", 1, () => new ThrowingOperator(inOpen: true));
        graph.Connect(src, broken, PartitionerKind.Rebalance);

        var result = await Eventually.Within(LocalExecutor.RunAsync(graph, new JobConfig()), "the job to end");

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Equal("broken-open", Assert.IsType<TaskFailureException>(result.Failure).OperatorId);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ProcessingTimerThrows_RestartStrategyNone_FailureNamesTheOperatorOfTheTimer(bool chaining)
    {
        var time = new ManualTimeProvider();
        var source = new SequenceSource(new SequenceSourceOptions { Splits = 1, RowsPerSplit = null, BatchSize = 5, RowsPerSecond = 10 });
        var graph = new JobGraph("timer-fails");
        var src = graph.AddSource("source", "Source", 1, () => new SourceOperator<SequenceSplit>(source, WatermarkStrategy.None));
        var timed = graph.AddOperator("timed", "Timed", 1, () => new FailingTimerOperator());
        graph.Connect(src, timed, PartitionerKind.Forward);
        var config = new JobConfig { TimeProvider = time, ChainingEnabled = chaining };
        await using var client = LocalExecutor.Start(graph, config);
        await Eventually.TrueAsync(() => client.Status == JobStatus.Running, "the job to run");

        // Rows arrive, each registers a processing-time timer one second ahead; a later advance fires them.
        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            return client.Completion.IsCompleted;
        }, "a timer to fire and fail the job");
        var result = await client.Completion;

        Assert.Equal(JobStatus.Failed, result.Status);
        var failure = Assert.IsType<TaskFailureException>(result.Failure);
        Assert.Equal("timed", failure.OperatorId);
        Assert.IsType<InvalidOperationException>(failure.InnerException);
    }

    /// <summary>source → pass-through → exploder (fails on its first batch) on forward edges, so all three may chain.</summary>
    private static JobGraph FailingJob()
    {
        var source = new SequenceSource(new SequenceSourceOptions { Splits = 2, RowsPerSplit = 1_000, BatchSize = 50 });
        var graph = new JobGraph("failing");
        var src = graph.AddSource("source", "Source", 1, () => new SourceOperator<SequenceSplit>(source, WatermarkStrategy.None));
        var pass = graph.AddOperator("pass", "Pass", 1, () => new PassThroughOperator());
        var exploder = graph.AddOperator("exploder", "Exploder", 1, () => new ThrowingOperator(inOpen: false));
        graph.Connect(src, pass, PartitionerKind.Forward);
        graph.Connect(pass, exploder, PartitionerKind.Forward);
        return graph;
    }

    /// <summary>Registers a processing-time timer per row, one second ahead, and throws when one fires.</summary>
    private sealed class FailingTimerOperator : StreamOperator, ITimerCallback<long, VoidNamespace>
    {
        private IKeyedStateBackend<long>? _backend;
        private TimerService<long, VoidNamespace>? _timers;

        public override void Open(OperatorContext context)
        {
            base.Open(context);
            _backend = context.GetKeyedStateBackend(Serializers.Int64, KeyHashers.Int64);
            _timers = context.GetTimerService("fail", VoidNamespace.Serializer, this);
        }

        public override void ProcessBatch(IBatch batch, IOutput output)
        {
            foreach (var e in ((ElementBatch<SequenceEvent>)batch).Items)
            {
                _backend!.SetCurrentKey(e.Key);
                _timers!.RegisterProcessingTimeTimer(VoidNamespace.Instance, _timers.CurrentProcessingTime + 1_000);
            }

            batch.Dispose();
        }

        public void OnEventTime(TimerEntry<long, VoidNamespace> timer, IOutput output)
        {
        }

        public void OnProcessingTime(TimerEntry<long, VoidNamespace> timer, IOutput output) =>
            throw new InvalidOperationException("timer failed");
    }

    private sealed class ThrowingOperator(bool inOpen) : StreamOperator
    {
        public override void Open(OperatorContext context)
        {
            base.Open(context);
            if (inOpen)
            {
                throw new InvalidOperationException("cannot open");
            }
        }

        public override void ProcessBatch(IBatch batch, IOutput output)
        {
            batch.Dispose();
            throw new InvalidOperationException("boom");
        }
    }
}
