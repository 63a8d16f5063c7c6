using Sluice.Core.Batches;
using Sluice.Core.Keys;
using Sluice.Core.Messages;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Tasks;

namespace Sluice.Testing;

/// <summary>
/// Drives one operator subtask outside a job: push batches, watermarks and barriers, advance processing time,
/// take a snapshot, and restore it into a fresh instance (at the same or another parallelism), then compare
/// outputs. Everything runs on the calling thread, like the task thread would.
/// </summary>
public sealed class OperatorHarness : IDisposable
{
    private readonly ChainNode _node;
    private readonly CollectingOutput _output = new();
    private readonly Queue<Action> _mails = new();
    private bool _open;

    /// <summary>Creates a harness for a fresh operator, or one restored from <paramref name="restoreFrom"/>.</summary>
    /// <param name="operatorInstance">The operator under test.</param>
    /// <param name="parallelism">The parallelism the subtask pretends to run at.</param>
    /// <param name="subtaskIndex">The subtask index.</param>
    /// <param name="maxParallelism">The number of key groups.</param>
    /// <param name="timeProvider">Processing time (a <see cref="ManualTimeProvider"/> by default).</param>
    /// <param name="restoreFrom">Snapshots of all subtasks of an earlier run (any parallelism) to restore from.</param>
    /// <param name="attemptNumber">The attempt number the operator sees.</param>
    public OperatorHarness(StreamOperator operatorInstance, int parallelism = 1, int subtaskIndex = 0,
        int maxParallelism = KeyGroups.DefaultMaxParallelism, ManualTimeProvider? timeProvider = null,
        IReadOnlyList<OperatorSnapshot>? restoreFrom = null, int attemptNumber = 0)
    {
        Time = timeProvider ?? new ManualTimeProvider();
        Operator = operatorInstance;
        OperatorRestoreData? restore = null;
        if (restoreFrom is not null)
        {
            var (keyed, op) = OperatorSnapshot.ForSubtask(restoreFrom, maxParallelism, parallelism, subtaskIndex);
            restore = new OperatorRestoreData(restoreFrom.Count > 0 ? restoreFrom[0].CheckpointId : 0, keyed, op);
        }

        var context = new OperatorContext("op-under-test", operatorInstance.GetType().Name, subtaskIndex, parallelism, maxParallelism,
            attemptNumber, $"attempt{attemptNumber}", Time, restore, _mails.Enqueue);
        _node = new ChainNode(operatorInstance, context) { Output = _output };
        context.Output = _output;
    }

    /// <summary>The operator under test.</summary>
    public StreamOperator Operator { get; }

    /// <summary>The processing-time clock.</summary>
    public ManualTimeProvider Time { get; }

    /// <summary>The batches the operator emitted (owned by the harness until <see cref="ClearOutput"/>).</summary>
    public IReadOnlyList<IBatch> OutputBatches => _output.Batches;

    /// <summary>The watermarks the operator emitted.</summary>
    public IReadOnlyList<long> OutputWatermarks => _output.Watermarks;

    /// <summary>Opens the operator (restoring its state).</summary>
    public OperatorHarness Open()
    {
        _node.Operator.Open(_node.Context);
        _open = true;
        return this;
    }

    /// <summary>Pushes a batch into input <paramref name="input"/>; ownership passes to the operator.</summary>
    public void ProcessBatch(IBatch batch, int input = 0)
    {
        EnsureOpen();
        _node.HandleBatch(input, batch);
        RunMails();
    }

    /// <summary>Pushes elements with event times as one <see cref="ElementBatch{T}"/>.</summary>
    public void ProcessElements<T>(IEnumerable<(T Value, long Timestamp)> elements, int input = 0)
    {
        var batch = new ElementBatch<T>(16, withTimestamps: true);
        foreach (var (value, ts) in elements)
        {
            batch.Add(value, ts);
        }

        ProcessBatch(batch, input);
    }

    /// <summary>Advances the operator's watermark (firing due event-time timers first).</summary>
    public void ProcessWatermark(long watermark)
    {
        EnsureOpen();
        _node.HandleWatermark(watermark);
        RunMails();
    }

    /// <summary>Moves processing time forward and runs the processing-time timers that fall due.</summary>
    public void AdvanceProcessingTime(TimeSpan delta)
    {
        Time.Advance(delta);
        RunMails();
    }

    /// <summary>A barrier arrives: pre-barrier hook, state capture, serialization, as in a checkpoint.</summary>
    public OperatorSnapshot Snapshot(long checkpointId)
    {
        EnsureOpen();
        _node.Operator.PrepareSnapshotPreBarrier(checkpointId, _output);
        _node.Operator.SnapshotState(checkpointId);
        byte[]? keyed = null;
        byte[]? op = null;
        if (_node.Context.SnapshotKeyed() is { } ks)
        {
            using var w = new BinaryBufferWriter();
            ks.Write(w);
            keyed = w.ToArray();
        }

        if (_node.Context.SnapshotOperatorState() is { } os)
        {
            using var w = new BinaryBufferWriter();
            os.Write(w);
            op = w.ToArray();
        }

        return new OperatorSnapshot(checkpointId, keyed, op, _node.Context.Parallelism);
    }

    /// <summary>Tells the operator that checkpoint <paramref name="checkpointId"/> completed.</summary>
    public void NotifyCheckpointComplete(long checkpointId) => _node.Operator.NotifyCheckpointComplete(checkpointId);

    /// <summary>End of input: the maximum watermark, then Finish.</summary>
    public void EndInput()
    {
        ProcessWatermark(long.MaxValue);
        _node.Operator.Finish(_output);
    }

    /// <summary>The elements of every emitted <see cref="ElementBatch{T}"/>, in order.</summary>
    public List<T> OutputElements<T>() =>
        _output.Batches.OfType<ElementBatch<T>>().SelectMany(b => b.Items.ToArray()).ToList();

    /// <summary>Disposes and forgets the emitted batches.</summary>
    public void ClearOutput() => _output.Clear();

    /// <inheritdoc />
    public void Dispose()
    {
        if (_open)
        {
            _node.Operator.Close();
            _node.Context.DisposeState();
        }

        _output.Clear();
    }

    private void RunMails()
    {
        while (_mails.TryDequeue(out var mail))
        {
            mail();
        }
    }

    private void EnsureOpen()
    {
        if (!_open)
        {
            Open();
        }
    }

    private sealed class CollectingOutput : IOutput
    {
        public List<IBatch> Batches { get; } = [];

        public List<long> Watermarks { get; } = [];

        public void Collect(IBatch batch) => Batches.Add(batch);

        public void EmitWatermark(Watermark watermark) => Watermarks.Add(watermark.Timestamp);

        public void Clear()
        {
            foreach (var b in Batches)
            {
                b.Dispose();
            }

            Batches.Clear();
            Watermarks.Clear();
        }
    }
}
