using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Hashing;
using Sluice.Core.Serialization;

namespace Sluice.Testing.Sources;

/// <summary>
/// A deterministic, replayable source of <see cref="SequenceEvent"/>s (like Flink's sequence generator used in
/// its fault-tolerance tests): the same options always give the same events, a split's position is the next
/// row number, and each key's sequence numbers are emitted in order by the one split that owns the key, so a
/// consumer can check that nothing was lost or duplicated.
/// </summary>
public sealed class SequenceSource : ISource<SequenceSplit>
{
    /// <summary>Creates the source.</summary>
    public SequenceSource(SequenceSourceOptions options)
    {
        Options = options;
    }

    /// <summary>The options.</summary>
    public SequenceSourceOptions Options { get; }

    /// <inheritdoc />
    public Boundedness Boundedness => Options.RowsPerSplit is null ? Boundedness.Unbounded : Boundedness.Bounded;

    /// <inheritdoc />
    public ITypeSerializer<SequenceSplit> SplitSerializer => SequenceSplit.Serializer;

    /// <inheritdoc />
    public IReadOnlyList<SequenceSplit> DiscoverSplits(int parallelism) =>
        Enumerable.Range(0, Options.Splits).Select(i => new SequenceSplit(i, 0)).ToList();

    /// <inheritdoc />
    public ISourceReader<SequenceSplit> CreateReader(SourceReaderContext context) => new Reader(this, context);

    /// <summary>The event of row <paramref name="row"/> of split <paramref name="split"/>.</summary>
    public SequenceEvent EventAt(int split, long row)
    {
        var o = Options;
        var key = split + ((long)o.Splits * (row % o.KeysPerSplit));
        var seq = (row / o.KeysPerSplit) + 1;
        var jitter = o.MaxOutOfOrdernessMillis == 0 ? 0 : (uint)StableHash.Combine(split, StableHash.Hash(row)) % (o.MaxOutOfOrdernessMillis + 1);
        return new SequenceEvent(key, seq, o.StartTimestamp + (row * o.StepMillis) - jitter);
    }

    /// <summary>Every event of a bounded source, split by split (the ground truth for tests).</summary>
    public IEnumerable<SequenceEvent> AllEvents()
    {
        var rows = Options.RowsPerSplit ?? throw new InvalidOperationException("The source is unbounded.");
        for (var s = 0; s < Options.Splits; s++)
        {
            for (long r = 0; r < rows; r++)
            {
                yield return EventAt(s, r);
            }
        }
    }

    private sealed class Reader(SequenceSource source, SourceReaderContext context) : ISourceReader<SequenceSplit>
    {
        private readonly List<SequenceSplit> _splits = [];
        private readonly long _startTicks = context.TimeProvider.GetTimestamp();
        private long _emitted;
        private int _next;

        public void AddSplits(IReadOnlyList<SequenceSplit> splits) => _splits.AddRange(splits);

        public InputStatus PollNext(ISourceOutput output)
        {
            var o = source.Options;
            if (_splits.Count == 0)
            {
                return o.RowsPerSplit is null ? InputStatus.NothingAvailable : InputStatus.EndOfInput;
            }

            if (o.RowsPerSecond is { } rate)
            {
                var allowed = context.TimeProvider.GetElapsedTime(_startTicks).TotalSeconds * rate;
                if (_emitted >= allowed)
                {
                    return InputStatus.NothingAvailable;
                }
            }

            _next %= _splits.Count;
            var split = _splits[_next];
            var end = o.RowsPerSplit is { } rows ? Math.Min(rows, split.Position + o.BatchSize) : split.Position + o.BatchSize;
            var batch = new ElementBatch<SequenceEvent>((int)(end - split.Position), withTimestamps: true);
            for (var r = split.Position; r < end; r++)
            {
                var e = source.EventAt(split.Index, r);
                batch.Add(e, e.Timestamp);
            }

            _emitted += end - split.Position;
            output.Emit(split.SplitId, batch);
            if (o.RowsPerSplit is { } total && end >= total)
            {
                output.SplitFinished(split.SplitId);
                _splits.RemoveAt(_next);
            }
            else
            {
                _splits[_next] = split with { Position = end };
                _next++;
            }

            return _splits.Count == 0 ? InputStatus.EndOfInput : InputStatus.MoreAvailable;
        }

        public IReadOnlyList<SequenceSplit> SnapshotState(long checkpointId) => [.. _splits];

        public void Dispose()
        {
        }
    }
}
