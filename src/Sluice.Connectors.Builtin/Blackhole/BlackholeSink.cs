using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Builtin.Blackhole;

/// <summary>Discards every row (for benchmarks and plans that only need a sink). Counts what it discarded.</summary>
public sealed class BlackholeSink : ISink<NoCommit>
{
    private long _rows;

    /// <summary>The number of rows discarded by every writer of this sink so far.</summary>
    public long DiscardedRows => Interlocked.Read(ref _rows);

    /// <inheritdoc />
    public ITypeSerializer<NoCommit> CommittableSerializer => NoCommit.Serializer;

    /// <inheritdoc />
    public ISinkWriter<NoCommit> CreateWriter(SinkContext context) => new Writer(this);

    /// <inheritdoc />
    public ISinkCommitter<NoCommit> CreateCommitter(SinkContext context) => NoCommitter.Instance;

    private sealed class Writer(BlackholeSink owner) : ISinkWriter<NoCommit>
    {
        public void Write(IBatch batch) => Interlocked.Add(ref owner._rows, batch.RowCount);

        public IReadOnlyList<NoCommit> PrepareCommit(long checkpointId) => [];

        public void Dispose()
        {
        }
    }
}
