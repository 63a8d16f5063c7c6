using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Kafka.CrashJob;

/// <summary>A sink whose committer holds the <see cref="CommitGate"/> while it commits or aborts leftovers.</summary>
internal sealed class GatedSink<TCommittable>(ISink<TCommittable> inner, string gate) : ISink<TCommittable>
{
    public ITypeSerializer<TCommittable> CommittableSerializer => inner.CommittableSerializer;

    public ISinkWriter<TCommittable> CreateWriter(SinkContext context) => inner.CreateWriter(context);

    public ISinkCommitter<TCommittable> CreateCommitter(SinkContext context) => new Committer(inner.CreateCommitter(context), gate);

    private sealed class Committer(ISinkCommitter<TCommittable> inner, string gate) : ISinkCommitter<TCommittable>
    {
        public void Commit(IReadOnlyList<TCommittable> committables)
        {
            using var held = CommitGate.Acquire(gate, TimeSpan.FromMinutes(1));
            inner.Commit(committables);
        }

        public void AbortLeftovers(string currentAttemptId)
        {
            using var held = CommitGate.Acquire(gate, TimeSpan.FromMinutes(1));
            inner.AbortLeftovers(currentAttemptId);
        }
    }
}
