using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;

namespace Sluice.Testing.Conformance;

/// <summary>A source whose readers count the batches per split (every discovered split starts at 0) and note finished splits.</summary>
/// <typeparam name="TSplit">The split type.</typeparam>
internal sealed class BatchCountingSource<TSplit>(ISource<TSplit> inner) : ISource<TSplit>
    where TSplit : ISourceSplit
{
    public Dictionary<string, int> Batches { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Finished { get; } = new(StringComparer.Ordinal);

    public Boundedness Boundedness => inner.Boundedness;

    public ITypeSerializer<TSplit> SplitSerializer => inner.SplitSerializer;

    public IReadOnlyList<TSplit> DiscoverSplits(int parallelism)
    {
        var splits = inner.DiscoverSplits(parallelism);
        foreach (var split in splits)
        {
            Batches[split.SplitId] = 0;
        }

        return splits;
    }

    public ISourceReader<TSplit> CreateReader(SourceReaderContext context) => new Reader(this, inner.CreateReader(context));

    private sealed class Reader(BatchCountingSource<TSplit> owner, ISourceReader<TSplit> inner) : ISourceReader<TSplit>, ISourceOutput
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

        public void Emit(string splitId, IBatch batch)
        {
            owner.Batches[splitId] = owner.Batches.GetValueOrDefault(splitId) + 1;
            _output!.Emit(splitId, batch);
        }

        public void SplitFinished(string splitId)
        {
            owner.Finished.Add(splitId);
            _output!.SplitFinished(splitId);
        }
    }
}
