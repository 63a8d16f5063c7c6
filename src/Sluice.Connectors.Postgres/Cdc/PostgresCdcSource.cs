using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Postgres.Cdc;

/// <summary>
/// The <c>postgres-cdc</c> source: an initial snapshot of a table, then its changes from a logical replication slot
/// (pgoutput) as <c>+I</c>, <c>-U</c>, <c>+U</c>, <c>-D</c> rows. One split: one subtask reads, the others idle.
/// </summary>
internal sealed class PostgresCdcSource(PostgresCdcOptions options) : ISource<PostgresCdcSplit>
{
    public PostgresCdcOptions Options => options;

    public Boundedness Boundedness => Boundedness.Unbounded;

    public ITypeSerializer<PostgresCdcSplit> SplitSerializer => PostgresCdcSplit.Serializer;

    public IReadOnlyList<PostgresCdcSplit> DiscoverSplits(int parallelism) => [new PostgresCdcSplit(false, 0)];

    public ISourceReader<PostgresCdcSplit> CreateReader(SourceReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PostgresCdcReader(options, context.TimeProvider);
    }
}
