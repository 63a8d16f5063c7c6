using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Core.Time;
using Sluice.State.Keyed;

namespace Sluice.Runtime.Operators.Sources;

/// <summary>
/// Runs a source connector's reader in a source task: assigns splits (round-robin on a fresh start, from the
/// checkpoint on a restore), generates watermarks per split (the source's watermark is the minimum over its
/// active splits; a split without data for the idleness timeout is left out; a task without active splits is
/// idle), and keeps the split positions in operator state.
/// </summary>
/// <typeparam name="TSplit">The split type.</typeparam>
public sealed class SourceOperator<TSplit> : StreamOperator, ISourceOperator
    where TSplit : ISourceSplit
{
    private readonly ISource<TSplit> _source;
    private readonly WatermarkStrategy _watermarks;
    private readonly Dictionary<string, SplitWatermarks> _splits = [];
    private readonly ReaderOutput _readerOutput;
    private ISourceReader<TSplit>? _reader;
    private IListState<TSplit>? _splitState;
    private long _currentWatermark = long.MinValue;
    private bool _idle;

    /// <summary>Creates the operator for <paramref name="source"/>.</summary>
    public SourceOperator(ISource<TSplit> source, WatermarkStrategy watermarks)
    {
        _source = source;
        _watermarks = watermarks;
        _readerOutput = new ReaderOutput(this);
    }

    /// <inheritdoc />
    public Action<bool>? IdleStatusChanged { get; set; }

    private IOutput? Downstream { get; set; }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _splitState = context.OperatorState.GetListState("source-splits", _source.SplitSerializer);
        List<TSplit> assigned;
        if (context.IsRestored)
        {
            assigned = _splitState.Get().ToList();
        }
        else
        {
            var all = _source.DiscoverSplits(context.Parallelism);
            assigned = [];
            for (var i = context.SubtaskIndex; i < all.Count; i += context.Parallelism)
            {
                assigned.Add(all[i]);
            }
        }

        foreach (var split in assigned)
        {
            _splits[split.SplitId] = new SplitWatermarks(_watermarks.CreateGenerator(), context.TimeProvider.GetTimestamp());
        }

        _reader = _source.CreateReader(new Connectors.Abstractions.Source.SourceReaderContext(
            context.SubtaskIndex, context.Parallelism, context.TimeProvider));
        _reader.AddSplits(assigned);
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output) =>
        throw new InvalidOperationException("A source has no inputs.");

    /// <inheritdoc />
    public InputStatus PollNext(IOutput output)
    {
        Downstream = output;
        return _reader!.PollNext(_readerOutput);
    }

    /// <inheritdoc />
    public void EmitPeriodicWatermark(IOutput output)
    {
        if (!_watermarks.HasWatermarks)
        {
            return;
        }

        var now = Context.TimeProvider.GetTimestamp();
        var min = long.MaxValue;
        var anyActive = false;
        foreach (var split in _splits.Values)
        {
            if (split.Finished)
            {
                continue;
            }

            split.Generator?.OnPeriodicEmit(split);
            if (_watermarks.IdleTimeout is { } timeout && Context.TimeProvider.GetElapsedTime(split.LastActivity, now) >= timeout)
            {
                continue;
            }

            anyActive = true;
            min = Math.Min(min, split.Watermark);
        }

        SetIdle(!anyActive && _splits.Values.Any(s => !s.Finished) || _splits.Count == 0);
        if (anyActive && min > _currentWatermark)
        {
            _currentWatermark = min;
            output.EmitWatermark(new Watermark(min));
        }
    }

    /// <inheritdoc />
    public override void SnapshotState(long checkpointId) => _splitState!.Update(_reader!.SnapshotState(checkpointId));

    /// <inheritdoc />
    public override void NotifyCheckpointComplete(long checkpointId) => _reader?.NotifyCheckpointComplete(checkpointId);

    /// <inheritdoc />
    public override void Close() => _reader?.Dispose();

    private void SetIdle(bool idle)
    {
        if (idle != _idle)
        {
            _idle = idle;
            IdleStatusChanged?.Invoke(idle);
        }
    }

    private sealed class SplitWatermarks(IWatermarkGenerator? generator, long lastActivity) : IWatermarkOutput
    {
        public IWatermarkGenerator? Generator { get; } = generator;

        public long LastActivity { get; set; } = lastActivity;

        public long Watermark { get; private set; } = long.MinValue;

        public bool Finished { get; set; }

        public void EmitWatermark(Watermark watermark)
        {
            if (watermark.Timestamp > Watermark)
            {
                Watermark = watermark.Timestamp;
            }
        }

        public void MarkIdle()
        {
        }

        public void MarkActive()
        {
        }
    }

    private sealed class ReaderOutput(SourceOperator<TSplit> owner) : ISourceOutput
    {
        public void Emit(string splitId, IBatch batch)
        {
            if (!owner._splits.TryGetValue(splitId, out var split))
            {
                split = new SplitWatermarks(owner._watermarks.CreateGenerator(), 0);
                owner._splits[splitId] = split;
            }

            split.LastActivity = owner.Context.TimeProvider.GetTimestamp();
            split.Generator?.OnBatch(batch.Timestamps, split);
            owner.SetIdle(false);
            owner.Downstream!.Collect(batch);
        }

        public void SplitFinished(string splitId)
        {
            if (owner._splits.TryGetValue(splitId, out var split))
            {
                split.Finished = true;
            }
        }
    }
}
