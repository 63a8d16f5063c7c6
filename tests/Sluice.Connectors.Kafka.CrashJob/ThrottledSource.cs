using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Kafka.CrashJob;

/// <summary>A source whose readers poll only while they are below their share of a rate (rows per second).</summary>
internal sealed class ThrottledSource<TSplit>(ISource<TSplit> inner, double rowsPerSecond) : ISource<TSplit>
    where TSplit : ISourceSplit
{
    public Boundedness Boundedness => inner.Boundedness;

    public ITypeSerializer<TSplit> SplitSerializer => inner.SplitSerializer;

    public IReadOnlyList<TSplit> DiscoverSplits(int parallelism) => inner.DiscoverSplits(parallelism);

    public ISourceReader<TSplit> CreateReader(SourceReaderContext context) =>
        new Reader(inner.CreateReader(context), context.TimeProvider, rowsPerSecond / context.Parallelism);

    private sealed class Reader(ISourceReader<TSplit> inner, TimeProvider clock, double rate) : ISourceReader<TSplit>, ISourceOutput
    {
        private readonly long _start = clock.GetTimestamp();
        private ISourceOutput? _output;
        private long _rows;

        public void AddSplits(IReadOnlyList<TSplit> splits) => inner.AddSplits(splits);

        public InputStatus PollNext(ISourceOutput output)
        {
            if (_rows > clock.GetElapsedTime(_start).TotalSeconds * rate)
            {
                return InputStatus.NothingAvailable;
            }

            _output = output;
            return inner.PollNext(this);
        }

        public IReadOnlyList<TSplit> SnapshotState(long checkpointId) => inner.SnapshotState(checkpointId);

        public void NotifyCheckpointComplete(long checkpointId) => inner.NotifyCheckpointComplete(checkpointId);

        public void Dispose() => inner.Dispose();

        public void Emit(string splitId, IBatch batch)
        {
            _rows += batch.RowCount;
            _output!.Emit(splitId, batch);
        }

        public void SplitFinished(string splitId) => _output!.SplitFinished(splitId);
    }
}
