using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;
using Sluice.Testing.Faults;

namespace Sluice.Connectors.Postgres.Tests.Support;

/// <summary>Fails a writer's <c>Write</c> where the injector says so (a crash between two barriers).</summary>
public sealed class FailingWriterSink(ISink<string> inner, FailureInjector injector) : ISink<string>
{
    public const string WritePoint = "write";

    public ITypeSerializer<string> CommittableSerializer => inner.CommittableSerializer;

    public ISinkWriter<string> CreateWriter(SinkContext context) => new Writer(inner.CreateWriter(context), injector);

    public ISinkCommitter<string> CreateCommitter(SinkContext context) => inner.CreateCommitter(context);

    private sealed class Writer(ISinkWriter<string> inner, FailureInjector injector) : ISinkWriter<string>
    {
        public void Write(IBatch batch)
        {
            inner.Write(batch);
            injector.MaybeFail(WritePoint);
        }

        public IReadOnlyList<string> PrepareCommit(long checkpointId) => inner.PrepareCommit(checkpointId);

        public void Finish() => inner.Finish();

        public void Dispose() => inner.Dispose();
    }
}
