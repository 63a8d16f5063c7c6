using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;
using Sluice.State.Keyed;

namespace Sluice.Runtime.Operators.Sinks;

/// <summary>
/// Runs a two-phase-commit sink: writes batches, pre-commits at every barrier, commits when the checkpoint
/// completes. Pending committables are kept in (union) operator state, so after a restore subtask 0 commits
/// what belonged to the restored checkpoint — it completed — and aborts every other attempt's leftovers.
/// </summary>
/// <typeparam name="TCommittable">The sink's committable type.</typeparam>
public sealed class SinkOperator<TCommittable> : StreamOperator
{
    private readonly ISink<TCommittable> _sink;
    private readonly SortedDictionary<long, IReadOnlyList<TCommittable>> _pending = [];
    private ISinkWriter<TCommittable>? _writer;
    private ISinkCommitter<TCommittable>? _committer;
    private IListState<(long, TCommittable)>? _state;

    /// <summary>Creates the operator for <paramref name="sink"/>.</summary>
    public SinkOperator(ISink<TCommittable> sink)
    {
        _sink = sink;
    }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        var sinkContext = new SinkContext(context.SubtaskIndex, context.Parallelism, context.AttemptId, context.TimeProvider);
        _committer = _sink.CreateCommitter(sinkContext);
        _state = context.OperatorState.GetUnionListState("sink-committables",
            Serializers.Tuple(Serializers.Int64, _sink.CommittableSerializer));
        if (context.SubtaskIndex == 0)
        {
            // Everything in the restored state was pre-committed for a checkpoint at or before the restored one,
            // which completed: commit it (idempotent). Then abort what earlier attempts left behind.
            var restored = _state.Get().Select(p => p.Item2).ToList();
            if (restored.Count > 0)
            {
                _committer.Commit(restored);
            }

            _committer.AbortLeftovers(context.AttemptId);
        }

        _state.Update([]);
        _writer = _sink.CreateWriter(sinkContext);
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        try
        {
            _writer!.Write(batch);
        }
        finally
        {
            batch.Dispose();
        }
    }

    /// <inheritdoc />
    public override void PrepareSnapshotPreBarrier(long checkpointId, IOutput output)
    {
        var committables = _writer!.PrepareCommit(checkpointId);
        if (committables.Count > 0)
        {
            _pending[checkpointId] = committables;
        }
    }

    /// <inheritdoc />
    public override void SnapshotState(long checkpointId) =>
        _state!.Update(_pending.SelectMany(p => p.Value.Select(c => (p.Key, c))).ToList());

    /// <inheritdoc />
    public override void NotifyCheckpointComplete(long checkpointId)
    {
        var done = _pending.Where(p => p.Key <= checkpointId).ToList();
        if (done.Count == 0)
        {
            return;
        }

        _committer!.Commit(done.SelectMany(p => p.Value).ToList());
        foreach (var p in done)
        {
            _pending.Remove(p.Key);
        }
    }

    /// <inheritdoc />
    public override void Finish(IOutput output) => _writer!.Finish();

    /// <summary>True: pending committables stay in every checkpoint, so a restore commits them.</summary>
    public override bool KeepsStateWhenFinished => true;

    /// <inheritdoc />
    public override void Close() => _writer?.Dispose();
}
