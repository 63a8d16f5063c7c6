using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;

namespace Sluice.DataStream.Sources;

/// <summary>
/// A bounded source over an in-memory list: one contiguous range per subtask, the position is the next index, so a
/// restore resumes exactly after the last emitted element. Elements carry no event time (assign it with a
/// watermark strategy).
/// </summary>
internal sealed class CollectionSource<T>(IReadOnlyList<T> items, int batchSize = 1024) : ISource<CollectionSplit>
{
    public Boundedness Boundedness => Boundedness.Bounded;

    public ITypeSerializer<CollectionSplit> SplitSerializer => CollectionSplit.Serializer;

    public IReadOnlyList<CollectionSplit> DiscoverSplits(int parallelism)
    {
        var splits = new List<CollectionSplit>(parallelism);
        for (var i = 0; i < parallelism; i++)
        {
            var start = (long)items.Count * i / parallelism;
            var end = (long)items.Count * (i + 1) / parallelism;
            splits.Add(new CollectionSplit(i, start, end));
        }

        return splits;
    }

    public ISourceReader<CollectionSplit> CreateReader(SourceReaderContext context) => new Reader(items, batchSize);

    private sealed class Reader(IReadOnlyList<T> items, int batchSize) : ISourceReader<CollectionSplit>
    {
        private readonly List<CollectionSplit> _splits = [];

        public void AddSplits(IReadOnlyList<CollectionSplit> splits) => _splits.AddRange(splits);

        public InputStatus PollNext(ISourceOutput output)
        {
            while (_splits.Count > 0)
            {
                var split = _splits[0];
                if (split.Position >= split.End)
                {
                    _splits.RemoveAt(0);
                    output.SplitFinished(split.SplitId);
                    continue;
                }

                var count = (int)Math.Min(batchSize, split.End - split.Position);
                var batch = new ElementBatch<T>(count);
                for (var i = 0; i < count; i++)
                {
                    batch.Add(items[(int)(split.Position + i)]);
                }

                _splits[0] = split with { Position = split.Position + count };
                output.Emit(split.SplitId, batch);
                return InputStatus.MoreAvailable;
            }

            return InputStatus.EndOfInput;
        }

        public IReadOnlyList<CollectionSplit> SnapshotState(long checkpointId) => [.. _splits];

        public void Dispose()
        {
        }
    }
}
