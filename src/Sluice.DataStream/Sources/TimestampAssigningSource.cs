using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;

namespace Sluice.DataStream.Sources;

/// <summary>
/// Wraps a source of <see cref="ElementBatch{T}"/>es so that every element gets its event time from a timestamp
/// assigner before the source operator's per-split watermark generators see the batch.
/// </summary>
internal sealed class TimestampAssigningSource<TSplit, T>(ISource<TSplit> inner, Func<T, long> assigner) : ISource<TSplit>
    where TSplit : ISourceSplit
{
    public Boundedness Boundedness => inner.Boundedness;

    public ITypeSerializer<TSplit> SplitSerializer => inner.SplitSerializer;

    public IReadOnlyList<TSplit> DiscoverSplits(int parallelism) => inner.DiscoverSplits(parallelism);

    public ISourceReader<TSplit> CreateReader(SourceReaderContext context) => new Reader(inner.CreateReader(context), assigner);

    private sealed class Reader(ISourceReader<TSplit> inner, Func<T, long> assigner) : ISourceReader<TSplit>, ISourceOutput
    {
        private ISourceOutput? _output;

        public void AddSplits(IReadOnlyList<TSplit> splits) => inner.AddSplits(splits);

        public InputStatus PollNext(ISourceOutput output)
        {
            _output = output;
            return inner.PollNext(this);
        }

        public IReadOnlyList<TSplit> SnapshotState(long checkpointId) => inner.SnapshotState(checkpointId);

        public void NotifyCheckpointComplete(long checkpointId) => inner.NotifyCheckpointComplete(checkpointId);

        public void Dispose() => inner.Dispose();

        void ISourceOutput.Emit(string splitId, IBatch batch)
        {
            if (batch is not ElementBatch<T> elements)
            {
                batch.Dispose();
                throw new InvalidOperationException(
                    $"A timestamp assigner for {typeof(T).Name} got a {batch.GetType().Name} from the source; the source must emit ElementBatch<{typeof(T).Name}>.");
            }

            ElementBatch<T> stamped;
            try
            {
                var items = elements.Items;
                stamped = new ElementBatch<T>(items.Length, withTimestamps: true);
                for (var i = 0; i < items.Length; i++)
                {
                    stamped.Add(items[i], assigner(items[i]));
                }
            }
            finally
            {
                elements.Dispose();
            }

            _output!.Emit(splitId, stamped);
        }

        void ISourceOutput.SplitFinished(string splitId) => _output!.SplitFinished(splitId);
    }
}
