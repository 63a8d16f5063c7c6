using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Nexmark.Generator;
using Sluice.Core.Batches;

namespace Sluice.Connectors.Nexmark.Table;

/// <summary>
/// Generates the events of one subtask's splits, one batch per poll, round-robin over the splits. With
/// <c>max-emit-speed = false</c> an event is emitted only once the reader's clock reached its event time (so the
/// stream runs at <c>first-event.rate</c>). Called on the source task's thread only.
/// </summary>
internal sealed class NexmarkReader : ISourceReader<NexmarkSplit>
{
    private readonly NexmarkSource _source;
    private readonly SourceReaderContext _context;
    private readonly List<NexmarkSplit> _splits = [];
    private readonly Dictionary<(long Seed, long BaseTime), NexmarkGenerator> _generators = [];
    private readonly RecordBatchBuilder _builder;
    private readonly NexmarkBidColumns _bids = new();
    private int _next;

    public NexmarkReader(NexmarkSource source, SourceReaderContext context)
    {
        _source = source;
        _context = context;
        _builder = new RecordBatchBuilder(source.Schema, source.BatchSize);
    }

    public void AddSplits(IReadOnlyList<NexmarkSplit> splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        _splits.AddRange(splits.Where(s => !s.IsFinished));
    }

    public InputStatus PollNext(ISourceOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_splits.Count == 0)
        {
            return Ended();
        }

        _next %= _splits.Count;
        var split = _splits[_next];
        var generator = GeneratorOf(split);
        var count = (int)Math.Min(split.Remaining, _source.BatchSize);
        if (!_source.Configuration.MaxEmitSpeed)
        {
            count = (int)Math.Min(count, DueEvents(split, generator));
            if (count == 0)
            {
                _next++;
                return InputStatus.NothingAvailable;
            }
        }

        // Bids come as places first; their fields are then filled column by column (NexmarkGenerator.FillBids).
        var demand = _source.Columns.Demand.WithDeferredBids();
        var writer = new NexmarkBatchWriter(_source.Columns, _builder, generator.Tables, _bids);
        var index = generator.GenerateRange(split.Next, split.Stride, count, demand, ref writer);
        generator.FillBids(_bids, 0, demand);
        writer.Finish();
        _source.Columns.Pad(_builder, count);
        output.Emit(split.SplitId, _builder.Build());
        var advanced = split with { Next = index };
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

        return _splits.Count > 0 ? InputStatus.MoreAvailable : Ended();
    }

    public IReadOnlyList<NexmarkSplit> SnapshotState(long checkpointId) => [.. _splits];

    public void Dispose() => _builder.Dispose();

    private InputStatus Ended() => _source.Boundedness == Boundedness.Bounded ? InputStatus.EndOfInput : InputStatus.NothingAvailable;

    /// <summary>How many of the split's next events have an event time at or before the reader's clock.</summary>
    private long DueEvents(NexmarkSplit split, NexmarkGenerator generator)
    {
        var now = _context.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        long due = 0;
        var index = split.Next;
        while (due < _source.BatchSize && due < split.Remaining && generator.TimestampOf(index) <= now)
        {
            due++;
            index += split.Stride;
        }

        return due;
    }

    private NexmarkGenerator GeneratorOf(NexmarkSplit split)
    {
        if (!_generators.TryGetValue((split.Seed, split.BaseTime), out var generator))
        {
            generator = new NexmarkGenerator(_source.Configuration with { Seed = split.Seed, BaseTime = split.BaseTime });
            _generators[(split.Seed, split.BaseTime)] = generator;
        }

        return generator;
    }
}
