using Sluice.Core.Batches;
using Sluice.Core.Keys;
using Sluice.Core.Time;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Operators.Sinks;
using Sluice.Runtime.Operators.Sources;
using Sluice.Runtime.Partitioning;
using Sluice.Testing.Faults;
using Sluice.Testing.Operators;
using Sluice.Testing.Sinks;
using Sluice.Testing.Sources;

namespace Sluice.Runtime.Tests.Tasks;

/// <summary>
/// Barrier alignment in real jobs: a fast and a slow input feed one keyed task. The slow input passes a gate the
/// test holds closed, so its barrier reaches the keyed task long after the fast input's barrier did.
/// </summary>
[Collection(JobTestCollection.Name)]
public sealed class BarrierAlignmentTests : IDisposable
{
    private const long SlowKeyOffset = 1_000_000;
    private readonly Gate _gate = new();
    private readonly BarrierProbe _fastProbe = new();
    private readonly SequenceSource _fast = new(new SequenceSourceOptions
    {
        Splits = 2, KeysPerSplit = 16, RowsPerSplit = 20_000, BatchSize = 40, RowsPerSecond = 20_000,
    });

    private readonly SequenceSource _slow = new(new SequenceSourceOptions
    {
        Splits = 1, KeysPerSplit = 4, RowsPerSplit = 2_000, BatchSize = 10, RowsPerSecond = 1_000,
    });

    public void Dispose() => _gate.Open();

    [Fact]
    public async Task ExactlyOnce_SlowInputBarrierLate_RestoreFromThatCheckpointIsExactlyOnce()
    {
        var store = new CollectStore<SequenceCount>();
        var failures = new FailureInjector(seed: 1, maxFailures: 1);
        var config = new JobConfig
        {
            CheckpointingMode = CheckpointingMode.ExactlyOnce,
            RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.Zero),
        };
        await using var client = LocalExecutor.Start(TwoSpeedJob(store, failures), config);
        using var openGateAtTheEnd = _gate;
        await Eventually.TrueAsync(() => client.Status == JobStatus.Running && RecordsInto(client, "check") >= 500,
            "the fast input flowing while the slow one is held at the gate");

        var checkpoint = client.TriggerCheckpointAsync();
        // The fast source emits barrier 1 and goes on; the slow input's barrier is stuck behind the closed gate.
        await Eventually.TrueAsync(() => _fastProbe.RowsAfterBarrier >= 50, "fast rows emitted after barrier 1");
        _gate.Open();
        Assert.Equal(1, (await Eventually.Within(checkpoint, "checkpoint 1")).CheckpointId);

        // Fail right away: the job restores from checkpoint 1. Had the keyed task counted fast rows that followed
        // barrier 1 into that checkpoint, the replayed rows would be duplicates and the sequence check would fail on
        // every attempt.
        failures.Arm("operator", 1.0);
        var result = await Eventually.Within(client.Completion, "the job to end");

        Assert.True(result.Status == JobStatus.Finished, result.Failure?.ToString());
        Assert.Equal(1, failures.TotalInjected);
        Assert.Equal(1, result.Restarts);
        var committed = store.Committed;
        Assert.Equal(Expected(), committed.Select(c => (c.Key, c.Seq)).Order());
        Assert.All(committed, c => Assert.Equal(c.Seq, c.Count));
    }

    [Fact]
    public async Task AtLeastOnce_SlowInputBarrierLate_FastInputKeepsFlowingAndCheckpointCompletes()
    {
        var store = new CollectStore<SequenceCount>();
        var config = new JobConfig { CheckpointingMode = CheckpointingMode.AtLeastOnce };
        await using var client = LocalExecutor.Start(TwoSpeedJob(store, failures: null), config);
        using var openGateAtTheEnd = _gate;
        await Eventually.TrueAsync(() => client.Status == JobStatus.Running && RecordsInto(client, "check") >= 500,
            "the fast input flowing while the slow one is held at the gate");

        var checkpoint = client.TriggerCheckpointAsync();
        // Without alignment the keyed task keeps reading the fast input after its barrier: far more rows pass than
        // its blocked channel could hold in exactly-once mode.
        await Eventually.TrueAsync(() => _fastProbe.RowsAfterBarrier >= 2_000, "fast rows flowing after barrier 1");
        Assert.False(checkpoint.IsCompleted);
        _gate.Open();

        Assert.Equal(1, (await Eventually.Within(checkpoint, "checkpoint 1")).CheckpointId);
        var result = await Eventually.Within(client.Completion, "the job to end");
        Assert.True(result.Status == JobStatus.Finished, result.Failure?.ToString());
        Assert.True(client.Metrics.CheckpointsCompleted >= 2, "the triggered checkpoint and the final one");
        Assert.Equal(Expected(), store.Committed.Select(c => (c.Key, c.Seq)).Distinct().Order());
    }

    /// <summary>
    /// fast → (chained) probe → hash → check → (chained) sink; slow → rebalance → gate with key shift → hash → check.
    /// </summary>
    private JobGraph TwoSpeedJob(CollectStore<SequenceCount> store, FailureInjector? failures)
    {
        var byKey = new ElementKeySelector<SequenceEvent, long>(e => e.Key, KeyHashers.Int64);
        var watermarks = WatermarkStrategy.BoundedOutOfOrderness(TimeSpan.FromMilliseconds(500));
        var graph = new JobGraph("two-speeds");
        var fastSource = graph.AddSource("fast", "Fast source", 1, () => new SourceOperator<SequenceSplit>(_fast, watermarks));
        var probe = graph.AddOperator("fast-probe", "Fast probe", 1, () => new BarrierProbeOperator(_fastProbe));
        var slowSource = graph.AddSource("slow", "Slow source", 1, () => new SourceOperator<SequenceSplit>(_slow, watermarks));
        var gate = graph.AddOperator("gate", "Gate", 1, () => new GateOperator(_gate, SlowKeyOffset));
        var check = graph.AddOperator("check", "Sequence check", 1, () => new SequenceCheckOperator(failures));
        var sink = graph.AddOperator("sink", "Collect sink", 1, () => new SinkOperator<string>(new CollectSink<SequenceCount>(store)));
        graph.Connect(fastSource, probe, PartitionerKind.Forward);
        graph.Connect(probe, check, PartitionerKind.Hash, byKey);
        graph.Connect(slowSource, gate, PartitionerKind.Rebalance);
        graph.Connect(gate, check, PartitionerKind.Hash, byKey);
        graph.Connect(check, sink, PartitionerKind.Forward);
        return graph;
    }

    private List<(long Key, long Seq)> Expected() =>
        _fast.AllEvents().Select(e => (e.Key, e.Seq))
            .Concat(_slow.AllEvents().Select(e => (e.Key + SlowKeyOffset, e.Seq)))
            .Order()
            .ToList();

    private static long RecordsInto(JobClient client, string operatorId) =>
        client.Metrics.Snapshot().Operators.Where(o => o.OperatorId == operatorId).Sum(o => o.RecordsIn);

    /// <summary>Held closed by the test until it opens it; disposing opens it, so no task stays blocked after a test.</summary>
    private sealed class Gate : IDisposable
    {
        private readonly ManualResetEventSlim _open = new(false);

        public void Open() => _open.Set();

        public void Dispose() => Open();

        public void WaitOpen()
        {
            if (!_open.Wait(Eventually.Timeout))
            {
                throw new TimeoutException("The test never opened the gate.");
            }
        }
    }

    /// <summary>Counts the rows that pass after the first barrier went through its task.</summary>
    private sealed class BarrierProbe
    {
        private long _rowsAfterBarrier;
        private int _barrierSeen;

        public long RowsAfterBarrier => Interlocked.Read(ref _rowsAfterBarrier);

        public void OnBarrier() => Volatile.Write(ref _barrierSeen, 1);

        public void OnRows(int rows)
        {
            if (Volatile.Read(ref _barrierSeen) == 1)
            {
                Interlocked.Add(ref _rowsAfterBarrier, rows);
            }
        }
    }

    private sealed class BarrierProbeOperator(BarrierProbe probe) : StreamOperator
    {
        public override void ProcessBatch(IBatch batch, IOutput output)
        {
            probe.OnRows(batch.RowCount);
            output.Collect(batch);
        }

        public override void PrepareSnapshotPreBarrier(long checkpointId, IOutput output) => probe.OnBarrier();
    }

    /// <summary>Waits for the gate before each batch, then moves the keys out of the fast source's key range.</summary>
    private sealed class GateOperator(Gate gate, long keyOffset) : StreamOperator
    {
        public override void ProcessBatch(IBatch batch, IOutput output)
        {
            gate.WaitOpen();
            var input = (ElementBatch<SequenceEvent>)batch;
            var shifted = new ElementBatch<SequenceEvent>(input.RowCount, withTimestamps: true);
            var items = input.Items;
            var timestamps = input.Timestamps;
            for (var i = 0; i < items.Length; i++)
            {
                shifted.Add(items[i] with { Key = items[i].Key + keyOffset }, timestamps[i]);
            }

            batch.Dispose();
            output.Collect(shifted);
        }
    }
}
