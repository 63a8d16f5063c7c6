using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Serialization;

namespace Sluice.Testing.Conformance;

/// <summary>
/// A table's source with its split type erased to <see cref="ISourceSplit"/>, so that
/// <see cref="SourceConformanceTests{TSplit}"/> can check a connector whose split type is internal: derive from
/// <c>SourceConformanceTests&lt;ISourceSplit&gt;</c> and return <c>ErasedSource.Of(table)</c>.
/// </summary>
public static class ErasedSource
{
    /// <summary>The source behind <paramref name="table"/>'s handle, as an <c>ISource&lt;ISourceSplit&gt;</c>.</summary>
    public static ISource<ISourceSplit> Of(ITableSource table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Source.Accept(new Eraser());
    }

    private sealed class Eraser : ISourceVisitor<ISource<ISourceSplit>>
    {
        public ISource<ISourceSplit> Visit<TSplit>(ISource<TSplit> source)
            where TSplit : ISourceSplit => new Source<TSplit>(source);
    }

    private sealed class Source<TSplit>(ISource<TSplit> source) : ISource<ISourceSplit>
        where TSplit : ISourceSplit
    {
        public Boundedness Boundedness => source.Boundedness;

        public ITypeSerializer<ISourceSplit> SplitSerializer { get; } = new Serializer<TSplit>(source.SplitSerializer);

        public IReadOnlyList<ISourceSplit> DiscoverSplits(int parallelism) => source.DiscoverSplits(parallelism).Cast<ISourceSplit>().ToList();

        public ISourceReader<ISourceSplit> CreateReader(SourceReaderContext context) => new Reader<TSplit>(source.CreateReader(context));
    }

    private sealed class Serializer<TSplit>(ITypeSerializer<TSplit> inner) : ITypeSerializer<ISourceSplit>
        where TSplit : ISourceSplit
    {
        public void Serialize(ISourceSplit value, BinaryBufferWriter writer) => inner.Serialize((TSplit)value, writer);

        public ISourceSplit Deserialize(BinaryBufferReader reader) => inner.Deserialize(reader);
    }

    private sealed class Reader<TSplit>(ISourceReader<TSplit> inner) : ISourceReader<ISourceSplit>
        where TSplit : ISourceSplit
    {
        public void AddSplits(IReadOnlyList<ISourceSplit> splits) => inner.AddSplits(splits.Cast<TSplit>().ToList());

        public InputStatus PollNext(ISourceOutput output) => inner.PollNext(output);

        public IReadOnlyList<ISourceSplit> SnapshotState(long checkpointId) => inner.SnapshotState(checkpointId).Cast<ISourceSplit>().ToList();

        public void NotifyCheckpointComplete(long checkpointId) => inner.NotifyCheckpointComplete(checkpointId);

        public void Dispose() => inner.Dispose();
    }
}
