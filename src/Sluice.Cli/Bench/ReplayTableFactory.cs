using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Nexmark.Table;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;

namespace Sluice.Cli.Bench;

/// <summary>
/// Engine-only mode's <c>nexmark-replay</c> connector: accepts the <c>nexmark</c> options and replays the batches of
/// <see cref="ReplayBatches"/> (each emitted batch shares the stored columns), split by split, with the positions of the
/// <c>nexmark</c> source. Only the benchmark runner uses it, with the stored splits' parallelism.
/// </summary>
internal sealed class ReplayTableFactory(ReplayBatches batches) : ITableSourceFactory
{
    public const string ConnectorName = "nexmark-replay";

    private static readonly ConnectorDescriptor ConnectorDescriptor = new(ConnectorName, DescriptorKind.Connector,
        "Replays pre-generated nexmark batches.", NexmarkTableFactory.ConnectorDescriptor.Options);

    public string Name => ConnectorName;

    public ConnectorDescriptor Descriptor => ConnectorDescriptor;

    public ITableSource CreateSource(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new TableSource(batches.Source.Schema, ChangelogMode.InsertOnly, new SourceHandle<NexmarkSplit>(new Source(batches)));
    }

    private sealed class Source(ReplayBatches batches) : ISource<NexmarkSplit>
    {
        public Boundedness Boundedness => Boundedness.Bounded;

        public ITypeSerializer<NexmarkSplit> SplitSerializer => NexmarkSplit.Serializer;

        public IReadOnlyList<NexmarkSplit> DiscoverSplits(int parallelism) =>
            parallelism == batches.Splits.Count
                ? batches.Splits
                : throw new InvalidOperationException($"The replayed batches were made for parallelism {batches.Splits.Count}, not {parallelism}.");

        public ISourceReader<NexmarkSplit> CreateReader(SourceReaderContext context) => new Reader(batches);
    }

    private sealed class Reader(ReplayBatches batches) : ISourceReader<NexmarkSplit>
    {
        private readonly List<(NexmarkSplit Split, int Batch)> _splits = [];
        private int _next;

        public void AddSplits(IReadOnlyList<NexmarkSplit> splits)
        {
            ArgumentNullException.ThrowIfNull(splits);
            foreach (var split in splits)
            {
                // Where the split's position falls in its stored batches (the source's batches are BatchSize events each).
                var done = (split.Next - split.Index) / split.Stride;
                _splits.Add((split, (int)(done / batches.Source.BatchSize)));
            }
        }

        public InputStatus PollNext(ISourceOutput output)
        {
            ArgumentNullException.ThrowIfNull(output);
            if (_splits.Count == 0)
            {
                return InputStatus.EndOfInput;
            }

            _next %= _splits.Count;
            var (split, index) = _splits[_next];
            var stored = batches.Batches[split.SplitId];
            if (index >= stored.Count)
            {
                _splits.RemoveAt(_next);
                output.SplitFinished(split.SplitId);
                return _splits.Count > 0 ? InputStatus.MoreAvailable : InputStatus.EndOfInput;
            }

            var batch = stored[index];
            var columns = Enumerable.Range(0, batch.ColumnCount).Select(c => batch.Column(c).Retain()).ToList();
            output.Emit(split.SplitId, new RecordBatch(batch.Schema, columns, batch.RowCount));
            _splits[_next] = (split with { Next = split.Next + ((long)batch.RowCount * split.Stride) }, index + 1);
            _next++;
            return InputStatus.MoreAvailable;
        }

        public IReadOnlyList<NexmarkSplit> SnapshotState(long checkpointId) => [.. _splits.Select(s => s.Split)];

        public void Dispose()
        {
        }
    }
}
