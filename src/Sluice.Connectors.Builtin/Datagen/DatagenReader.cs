using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;

namespace Sluice.Connectors.Builtin.Datagen;

/// <summary>
/// Generates the rows of the splits of one subtask, one batch per poll, round-robin over the splits, at most at this
/// reader's share of <c>rows-per-second</c> (the rate divided by the parallelism, measured on the task's clock).
/// Called on the source task's thread only.
/// </summary>
internal sealed class DatagenReader : ISourceReader<DatagenSplit>
{
    private readonly DatagenSource _source;
    private readonly SourceReaderContext _context;
    private readonly List<DatagenSplit> _splits = [];
    private readonly double _rate;
    private readonly long _startTicks;
    private long _emitted;
    private int _next;

    public DatagenReader(DatagenSource source, SourceReaderContext context)
    {
        _source = source;
        _context = context;
        _rate = source.Options.RowsPerSecond / Math.Max(1, context.Parallelism);
        _startTicks = context.TimeProvider.GetTimestamp();
    }

    public void AddSplits(IReadOnlyList<DatagenSplit> splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        _splits.AddRange(splits.Where(s => !s.IsFinished));
    }

    public InputStatus PollNext(ISourceOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_splits.Count == 0)
        {
            return _source.Boundedness == Boundedness.Bounded ? InputStatus.EndOfInput : InputStatus.NothingAvailable;
        }

        var elapsed = _context.TimeProvider.GetElapsedTime(_startTicks).TotalSeconds;
        var budget = (long)Math.Min(long.MaxValue / 2, Math.Floor(elapsed * _rate) + 1) - _emitted;
        if (budget <= 0)
        {
            return InputStatus.NothingAvailable;
        }

        _next %= _splits.Count;
        var split = _splits[_next];
        var remaining = split.End == long.MaxValue ? long.MaxValue : ((split.End - split.Next - 1) / split.Stride) + 1;
        var count = (int)Math.Min(Math.Min(budget, remaining), _source.Options.BatchSize);
        using var builder = new RecordBatchBuilder(_source.Schema, count);
        var row = split.Next;
        for (var i = 0; i < count; i++, row += split.Stride)
        {
            _source.AppendRow(builder, row, split.Seed, split.StartMicros);
        }

        output.Emit(split.SplitId, builder.Build());
        _emitted += count;
        var advanced = split with { Next = row };
        if (advanced.IsFinished)
        {
            _splits.RemoveAt(_next);
            output.SplitFinished(split.SplitId);
        }
        else
        {
            _splits[_next] = advanced;
            _next++;
        }

        return _splits.Count > 0 ? InputStatus.MoreAvailable
            : _source.Boundedness == Boundedness.Bounded ? InputStatus.EndOfInput : InputStatus.NothingAvailable;
    }

    public IReadOnlyList<DatagenSplit> SnapshotState(long checkpointId) => [.. _splits];

    public void Dispose()
    {
    }
}
