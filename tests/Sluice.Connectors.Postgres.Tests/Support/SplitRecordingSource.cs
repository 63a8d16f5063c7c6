using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Postgres.Tests.Support;

/// <summary>A source that records the splits its readers are given (fresh or restored), for tests of restores in a job.</summary>
public sealed class SplitRecordingSource<TSplit>(ISource<TSplit> inner) : ISource<TSplit>
    where TSplit : ISourceSplit
{
    private readonly List<TSplit> _assigned = [];

    /// <summary>Every split handed to a reader so far (thread-safe snapshot).</summary>
    public IReadOnlyList<TSplit> Assigned
    {
        get
        {
            lock (_assigned)
            {
                return [.. _assigned];
            }
        }
    }

    public Boundedness Boundedness => inner.Boundedness;

    public ITypeSerializer<TSplit> SplitSerializer => inner.SplitSerializer;

    public IReadOnlyList<TSplit> DiscoverSplits(int parallelism) => inner.DiscoverSplits(parallelism);

    public ISourceReader<TSplit> CreateReader(SourceReaderContext context) => new Reader(this, inner.CreateReader(context));

    private sealed class Reader(SplitRecordingSource<TSplit> owner, ISourceReader<TSplit> reader) : ISourceReader<TSplit>
    {
        public void AddSplits(IReadOnlyList<TSplit> splits)
        {
            lock (owner._assigned)
            {
                owner._assigned.AddRange(splits);
            }

            reader.AddSplits(splits);
        }

        public InputStatus PollNext(ISourceOutput output) => reader.PollNext(output);

        public IReadOnlyList<TSplit> SnapshotState(long checkpointId) => reader.SnapshotState(checkpointId);

        public void NotifyCheckpointComplete(long checkpointId) => reader.NotifyCheckpointComplete(checkpointId);

        public void Dispose() => reader.Dispose();
    }
}
