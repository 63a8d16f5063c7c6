using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;
using Sluice.Testing.Sinks;

namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>
/// An exactly-once sink of SQL rows into a <see cref="CollectStore{T}"/> of changelog lines (<c>+I[1, a]</c>):
/// a <see cref="CollectSink{T}"/> of strings behind a writer that formats each <see cref="RecordBatch"/> with
/// <see cref="GoldenRowText"/>. Rows become visible only when the checkpoint that pre-committed them completes.
/// </summary>
internal sealed class GoldenCollectSink(CollectStore<string> store) : ISink<string>
{
    private readonly CollectSink<string> _inner = new(store);

    /// <inheritdoc />
    public ITypeSerializer<string> CommittableSerializer => _inner.CommittableSerializer;

    /// <inheritdoc />
    public ISinkWriter<string> CreateWriter(SinkContext context) => new Writer(_inner.CreateWriter(context));

    /// <inheritdoc />
    public ISinkCommitter<string> CreateCommitter(SinkContext context) => _inner.CreateCommitter(context);

    private sealed class Writer(ISinkWriter<string> inner) : ISinkWriter<string>
    {
        public void Write(IBatch batch)
        {
            var rows = (RecordBatch)batch;
            using var lines = new ElementBatch<string>(Math.Max(1, rows.RowCount));
            foreach (var line in GoldenRowText.RowsWithKinds(rows))
            {
                lines.Add(line);
            }

            inner.Write(lines);
        }

        public IReadOnlyList<string> PrepareCommit(long checkpointId) => inner.PrepareCommit(checkpointId);

        public void Finish() => inner.Finish();

        public void Dispose() => inner.Dispose();
    }
}
