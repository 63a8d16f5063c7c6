using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;

namespace Sluice.DataStream.Sources;

/// <summary>
/// Generated elements: element <c>i</c> is <c>generator(i)</c>, for <c>i</c> in <c>[0, count)</c> or without end.
/// Parallel by index: bounded, each split is a contiguous range; unbounded, split <c>j</c> of <c>p</c> takes the
/// indices <c>j, j + p, j + 2p, ...</c>. The position (the next index) is checkpointed, so a restore continues exactly
/// after the last emitted element, also at another parallelism (the splits move, they are not re-cut).
/// </summary>
/// <remarks>At most <c>rowsPerSecond</c> elements per second over all readers (each reader its share, measured on the
/// task's clock); as fast as the job takes them when null. The generator runs on the source tasks' threads, several at
/// once: it must be a pure function of the index.</remarks>
internal sealed class GeneratorSource<T> : ISource<GeneratorSplit>
{
    private readonly long? _count;
    private readonly double? _rowsPerSecond;
    private readonly Func<long, T> _generator;
    private readonly int _batchSize;

    public GeneratorSource(long? count, double? rowsPerSecond, Func<long, T> generator, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A generator source cannot produce a negative number of elements.");
        }

        if (rowsPerSecond is { } rate && !(rate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(rowsPerSecond), rowsPerSecond, "The rate must be positive (or null for no limit).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _count = count;
        _rowsPerSecond = rowsPerSecond;
        _generator = generator;
        _batchSize = batchSize;
    }

    public Boundedness Boundedness => _count is null ? Boundedness.Unbounded : Boundedness.Bounded;

    public ITypeSerializer<GeneratorSplit> SplitSerializer => GeneratorSplit.Serializer;

    public IReadOnlyList<GeneratorSplit> DiscoverSplits(int parallelism)
    {
        var splits = new List<GeneratorSplit>(parallelism);
        for (var i = 0; i < parallelism; i++)
        {
            splits.Add(_count is { } total
                ? new GeneratorSplit(i, total * i / parallelism, total * (i + 1) / parallelism, 1)
                : new GeneratorSplit(i, i, long.MaxValue, parallelism));
        }

        return splits;
    }

    public ISourceReader<GeneratorSplit> CreateReader(SourceReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Reader(this, context);
    }

    private sealed class Reader : ISourceReader<GeneratorSplit>
    {
        private readonly GeneratorSource<T> _source;
        private readonly SourceReaderContext _context;
        private readonly List<GeneratorSplit> _splits = [];
        private readonly double _rate;
        private readonly long _startTicks;
        private long _emitted;
        private int _next;

        public Reader(GeneratorSource<T> source, SourceReaderContext context)
        {
            _source = source;
            _context = context;
            _rate = source._rowsPerSecond is { } rate ? rate / Math.Max(1, context.Parallelism) : double.PositiveInfinity;
            _startTicks = context.TimeProvider.GetTimestamp();
        }

        public void AddSplits(IReadOnlyList<GeneratorSplit> splits)
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

            long budget = _source._batchSize;
            if (!double.IsPositiveInfinity(_rate))
            {
                var elapsed = _context.TimeProvider.GetElapsedTime(_startTicks).TotalSeconds;
                budget = Math.Min(budget, (long)Math.Min(long.MaxValue / 2, Math.Floor(elapsed * _rate) + 1) - _emitted);
                if (budget <= 0)
                {
                    return InputStatus.NothingAvailable;
                }
            }

            _next %= _splits.Count;
            var split = _splits[_next];
            var count = (int)split.Remaining(budget);
            var batch = new ElementBatch<T>(count);
            var index = split.Next;
            try
            {
                for (var i = 0; i < count; i++, index += split.Stride)
                {
                    batch.Add(_source._generator(index));
                }
            }
            catch
            {
                batch.Dispose();
                throw;
            }

            output.Emit(split.SplitId, batch);
            _emitted += count;
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

            return _splits.Count > 0 ? InputStatus.MoreAvailable
                : _source.Boundedness == Boundedness.Bounded ? InputStatus.EndOfInput : InputStatus.NothingAvailable;
        }

        public IReadOnlyList<GeneratorSplit> SnapshotState(long checkpointId) => [.. _splits];

        public void Dispose()
        {
        }
    }
}
