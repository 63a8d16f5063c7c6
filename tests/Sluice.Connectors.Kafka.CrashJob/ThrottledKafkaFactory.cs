using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Kafka.Table;

namespace Sluice.Connectors.Kafka.CrashJob;

/// <summary>
/// The <c>kafka</c> connector with sources that read at most <paramref name="rowsPerSecond"/> rows per second (over all
/// subtasks), so that the crash job runs long enough to be killed several times and each checkpoint interval holds a
/// modest number of records. Sinks are the real ones, their commits gated by <see cref="CommitGate"/>.
/// </summary>
internal sealed class ThrottledKafkaFactory(double rowsPerSecond, string gate) : ITableSourceFactory, ITableSinkFactory
{
    private readonly KafkaTableFactory _inner = new();

    public string Name => _inner.Name;

    public ConnectorDescriptor Descriptor => _inner.Descriptor;

    public ITableSource CreateSource(TableContext context)
    {
        var source = _inner.CreateSource(context);
        return new TableSource(source.ProducedSchema, source.ChangelogMode, source.Source.Accept(new Wrap(rowsPerSecond)));
    }

    public ITableSink CreateSink(TableContext context)
    {
        var sink = _inner.CreateSink(context);
        return new TableSink(sink.ConsumedSchema, sink.AcceptedChangelogMode, sink.Sink.Accept(new Gate(gate)));
    }

    private sealed class Gate(string gate) : ISinkVisitor<ISinkHandle>
    {
        public ISinkHandle Visit<TCommittable>(ISink<TCommittable> sink) => new SinkHandle<TCommittable>(new GatedSink<TCommittable>(sink, gate));
    }

    private sealed class Wrap(double rowsPerSecond) : ISourceVisitor<ISourceHandle>
    {
        public ISourceHandle Visit<TSplit>(ISource<TSplit> source)
            where TSplit : ISourceSplit => new SourceHandle<TSplit>(new ThrottledSource<TSplit>(source, rowsPerSecond));
    }
}
