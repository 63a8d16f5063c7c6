using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.Core.Time;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Operators.Sinks;
using Sluice.Runtime.Operators.Sources;
using Sluice.Runtime.Partitioning;
using Sluice.State.Checkpoints;
using Sluice.State.Keyed;
using Sluice.Testing.Operators;
using Sluice.Testing.Sinks;
using Sluice.Testing.Sources;

namespace Sluice.Runtime.Tests.Checkpointing;

/// <summary>
/// Checkpoints after tasks finished (Flink's FLIP-147): finished operators write a marker instead of their state, and are
/// finished on restore; sinks keep their committables.
/// </summary>
[Collection(JobTestCollection.Name)]
public sealed class FinishedOperatorsTests : IDisposable
{
    private static readonly SequenceSourceOptions Small = new() { Splits = 4, KeysPerSplit = 8, RowsPerSplit = 500, BatchSize = 50 };
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sluice-finished-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task FinalCheckpoint_OfABoundedKeyedJob_HoldsFinishedMarkersInsteadOfState_AndKeepsTheSinks()
    {
        var storage = new DirectoryCheckpointStorage(Path.Combine(_dir, "checkpoints"));
        var store = new CollectStore<SequenceCount>();

        var result = await Eventually.Within(LocalExecutor.RunAsync(Job(new SequenceSource(Small), store, 2),
            new JobConfig { CheckpointStorage = storage }), "the job");

        Assert.True(result.Status == JobStatus.Finished, result.Failure?.ToString());
        var final = await storage.FindLatestAsync(CancellationToken.None);
        Assert.NotNull(final);
        foreach (var id in new[] { "source", "check", "total" })
        {
            var op = final.Operators.Single(o => o.OperatorId == id);
            Assert.Equal(2, op.Subtasks.Count);
            Assert.All(op.Subtasks, s =>
            {
                Assert.True(s.Finished, $"{id} {s.SubtaskIndex} is not marked finished");
                Assert.Null(s.KeyedState);
                Assert.Null(s.OperatorState);
            });
        }

        // The sink snapshots as before: its committables must survive a restore.
        var sink = final.Operators.Single(o => o.OperatorId == "sink");
        Assert.All(sink.Subtasks, s => Assert.False(s.Finished));
        Assert.All(sink.Subtasks, s => Assert.NotNull(s.OperatorState));
        Assert.Empty(Directory.EnumerateFiles(final.Path, "check-*"));
        Assert.Empty(Directory.EnumerateFiles(final.Path, "source-*"));
        Assert.Equal(Expected(new SequenceSource(Small)), Sorted(store));
        Assert.Equal(2, store.Committed.Count(c => c.Key == TotalAtEndOperator.TotalKey));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1)]
    public async Task RestoreFromTheFinalCheckpoint_FinishesAtOnce_WithNoOutputTwice_AtAnyParallelism(int restoredParallelism)
    {
        var storage = new DirectoryCheckpointStorage(Path.Combine(_dir, "checkpoints"));
        var store = new CollectStore<SequenceCount>();
        var config = new JobConfig { CheckpointStorage = storage };
        var first = await Eventually.Within(LocalExecutor.RunAsync(Job(new SequenceSource(Small), store, 2), config), "the job");
        Assert.True(first.Status == JobStatus.Finished, first.Failure?.ToString());
        var final = (await storage.FindLatestAsync(CancellationToken.None))!;
        var committed = Sorted(store);

        // The source has grown (as a file that lines were appended to): a finished job still reads nothing again, and the
        // operator that emits its totals at the end of input does not emit them a second time.
        var grown = new SequenceSource(Small with { RowsPerSplit = 800 });
        await using var client = LocalExecutor.Start(Job(grown, store, restoredParallelism), config with { RestoreFrom = final.Path });
        var second = await Eventually.Within(client.Completion, "the restored job");

        Assert.True(second.Status == JobStatus.Finished, second.Failure?.ToString());
        Assert.Equal(committed, Sorted(store));
        Assert.Equal(2, store.Committed.Count(c => c.Key == TotalAtEndOperator.TotalKey));
        Assert.Equal(0, client.Metrics.Snapshot().Operators.Where(o => o.OperatorId is "check" or "total").Sum(o => o.RecordsIn));

        // Its own final checkpoint marks the operators finished again, at the new parallelism.
        var again = (await storage.FindLatestAsync(CancellationToken.None))!;
        Assert.True(again.CheckpointId > final.CheckpointId);
        var check = again.Operators.Single(o => o.OperatorId == "check");
        Assert.Equal(restoredParallelism, check.Subtasks.Count);
        Assert.All(check.Subtasks, s => Assert.True(s.Finished));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task CheckpointWithOnePipelineFinished_MarksOnlyIt_AndRestoresBothExactlyOnce(int restoredParallelism)
    {
        var storage = new DirectoryCheckpointStorage(Path.Combine(_dir, "checkpoints"));
        var config = new JobConfig { CheckpointStorage = storage };
        var storeA = new CollectStore<SequenceCount>();
        var storeB = new CollectStore<SequenceCount>();
        var fast = new SequenceSource(Small);
        var bOptions = new SequenceSourceOptions { Splits = 2, KeysPerSplit = 4, RowsPerSplit = 20_000, BatchSize = 10 };
        var slow = new SequenceSource(bOptions with { RowsPerSecond = 400 });

        CheckpointMetadata checkpoint;
        await using (var client = LocalExecutor.Start(TwoPipelines(fast, storeA, slow, storeB, 2), config))
        {
            await Eventually.TrueAsync(() => client.Status == JobStatus.Running, "the job to run");

            // Checkpoints until one is taken after every task of pipeline A finished (B runs for about a minute).
            checkpoint = await Eventually.Within(CheckpointAfterAFinishedAsync(client), "a checkpoint after pipeline A finished");
            await client.CancelAsync();
        }

        foreach (var id in new[] { "a-source", "a-check" })
        {
            Assert.All(checkpoint.Operators.Single(o => o.OperatorId == id).Subtasks, s =>
            {
                Assert.True(s.Finished);
                Assert.Null(s.KeyedState);
            });
        }

        Assert.All(checkpoint.Operators.Single(o => o.OperatorId == "a-sink").Subtasks, s => Assert.False(s.Finished));
        var bCheck = checkpoint.Operators.Single(o => o.OperatorId == "b-check");
        Assert.All(bCheck.Subtasks, s => Assert.False(s.Finished));
        Assert.Contains(bCheck.Subtasks, s => s.KeyedState is not null);
        Assert.All(checkpoint.Operators.Single(o => o.OperatorId == "b-source").Subtasks, s => Assert.NotNull(s.OperatorState));

        // Restore (rescaled), B no longer throttled: A is finished on restore, B goes on from its state.
        var all = new SequenceSource(bOptions);
        var result = await Eventually.Within(
            LocalExecutor.RunAsync(TwoPipelines(fast, storeA, all, storeB, restoredParallelism), config with { RestoreFrom = checkpoint.Path }),
            "the restored job");

        Assert.True(result.Status == JobStatus.Finished, result.Failure?.ToString());
        Assert.Equal(Expected(fast), Sorted(storeA));
        Assert.Equal(Expected(all), Sorted(storeB));
        Assert.All(storeB.Committed, c => Assert.Equal(c.Seq, c.Count));
    }

    [Fact]
    public async Task Restore_WhereAFinishedOperatorGetsAnUnfinishedInput_FailsNamingBothWithoutRestarting()
    {
        var storage = new DirectoryCheckpointStorage(Path.Combine(_dir, "checkpoints"));
        var config = new JobConfig { CheckpointStorage = storage };
        var first = await Eventually.Within(LocalExecutor.RunAsync(Job(new SequenceSource(Small), new CollectStore<SequenceCount>(), 1), config),
            "the job");
        Assert.True(first.Status == JobStatus.Finished, first.Failure?.ToString());
        var final = (await storage.FindLatestAsync(CancellationToken.None))!;

        // A new source feeds the finished check operator.
        var graph = Job(new SequenceSource(Small), new CollectStore<SequenceCount>(), 1, extraSource: true);
        var result = await Eventually.Within(LocalExecutor.RunAsync(graph, config with
        {
            RestoreFrom = final.Path,
            RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.Zero),
        }), "the restored job");

        Assert.Equal(JobStatus.Failed, result.Status);
        Assert.Equal(0, result.Restarts);
        var failure = Assert.IsType<CheckpointException>(result.Failure);
        Assert.Equal(ErrorDomain.User, failure.Domain);
        Assert.Contains("'check'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'source-2'", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<CheckpointMetadata> CheckpointAfterAFinishedAsync(JobClient client)
    {
        while (true)
        {
            var checkpoint = await client.TriggerCheckpointAsync();
            if (checkpoint.Operators.Single(o => o.OperatorId == "a-check").Subtasks.All(s => s.Finished))
            {
                return checkpoint;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>source → hash → sequence check → (chained) totals at end of input → (chained) sink.</summary>
    private static JobGraph Job(SequenceSource source, CollectStore<SequenceCount> store, int parallelism, bool extraSource = false)
    {
        var graph = new JobGraph("finished");
        var selector = new ElementKeySelector<SequenceEvent, long>(e => e.Key, KeyHashers.Int64);
        var src = graph.AddSource("source", "Source", parallelism, () => new SourceOperator<SequenceSplit>(source, WatermarkStrategy.None));
        var check = graph.AddOperator("check", "Sequence check", parallelism, () => new SequenceCheckOperator());
        var total = graph.AddOperator("total", "Totals", parallelism, () => new TotalAtEndOperator());
        var sink = graph.AddOperator("sink", "Sink", parallelism, () => new SinkOperator<string>(new CollectSink<SequenceCount>(store)));
        graph.Connect(src, check, PartitionerKind.Hash, selector);
        graph.Connect(check, total, PartitionerKind.Forward);
        graph.Connect(total, sink, PartitionerKind.Forward);
        if (extraSource)
        {
            var second = graph.AddSource("source-2", "Second source", parallelism,
                () => new SourceOperator<SequenceSplit>(new SequenceSource(Small), WatermarkStrategy.None));
            graph.Connect(second, check, PartitionerKind.Hash, selector);
        }

        return graph;
    }

    /// <summary>Two independent pipelines a-source → a-check → a-sink and b-source → b-check → b-sink.</summary>
    private static JobGraph TwoPipelines(SequenceSource a, CollectStore<SequenceCount> storeA, SequenceSource b, CollectStore<SequenceCount> storeB,
        int parallelism)
    {
        var graph = new JobGraph("two-pipelines");
        foreach (var (prefix, source, store) in new[] { ("a", a, storeA), ("b", b, storeB) })
        {
            var src = graph.AddSource($"{prefix}-source", "Source", parallelism,
                () => new SourceOperator<SequenceSplit>(source, WatermarkStrategy.None));
            var check = graph.AddOperator($"{prefix}-check", "Sequence check", parallelism, () => new SequenceCheckOperator());
            var sink = graph.AddOperator($"{prefix}-sink", "Sink", parallelism,
                () => new SinkOperator<string>(new CollectSink<SequenceCount>(store)));
            graph.Connect(src, check, PartitionerKind.Hash, new ElementKeySelector<SequenceEvent, long>(e => e.Key, KeyHashers.Int64));
            graph.Connect(check, sink, PartitionerKind.Forward);
        }

        return graph;
    }

    /// <summary>Every event once, with its key's running count equal to its sequence number (exactly-once state).</summary>
    private static List<(long, long, long)> Expected(SequenceSource source) =>
        source.AllEvents().Select(e => (e.Key, e.Seq, e.Seq)).Order().ToList();

    /// <summary>The committed rows without the total rows, in order; asserts the totals add up to the number of events.</summary>
    private static List<(long, long, long)> Sorted(CollectStore<SequenceCount> store)
    {
        var committed = store.Committed;
        var totals = committed.Where(c => c.Key == TotalAtEndOperator.TotalKey).ToList();
        var rows = committed.Where(c => c.Key != TotalAtEndOperator.TotalKey).Select(c => (c.Key, c.Seq, c.Count)).Order().ToList();
        if (totals.Count > 0)
        {
            Assert.Equal(rows.Count, totals.Sum(t => t.Count));
        }

        return rows;
    }

    /// <summary>
    /// Passes rows on and counts them in operator state; at end of input emits one row with the count (key
    /// <see cref="TotalKey"/>). Without FLIP-147 a restore of a finished job would emit the restored totals a second time.
    /// </summary>
    private sealed class TotalAtEndOperator : StreamOperator
    {
        public const long TotalKey = -1;
        private IListState<long>? _state;
        private long _total;

        public override void Open(OperatorContext context)
        {
            base.Open(context);
            _state = context.OperatorState.GetListState("total", Serializers.Int64);
            _total = _state.Get().Sum();
        }

        public override void ProcessBatch(IBatch batch, IOutput output)
        {
            _total += batch.RowCount;
            output.Collect(batch);
        }

        public override void SnapshotState(long checkpointId) => _state!.Update([_total]);

        public override void Finish(IOutput output)
        {
            var row = new ElementBatch<SequenceCount>(1);
            row.Add(new SequenceCount(TotalKey, 0, _total));
            output.Collect(row);
        }
    }
}
