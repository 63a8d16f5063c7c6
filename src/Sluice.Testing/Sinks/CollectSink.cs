using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;

namespace Sluice.Testing.Sinks;

/// <summary>
/// An exactly-once sink into a <see cref="CollectStore{T}"/>, for tests: rows become visible in the store only
/// when the checkpoint that pre-committed them completes.
/// </summary>
/// <typeparam name="T">The element type of the incoming <see cref="ElementBatch{T}"/>s.</typeparam>
public sealed class CollectSink<T>(CollectStore<T> store) : ISink<string>
{
    /// <summary>The store the sink commits into.</summary>
    public CollectStore<T> Store { get; } = store;

    /// <inheritdoc />
    public ITypeSerializer<string> CommittableSerializer => Serializers.String;

    /// <inheritdoc />
    public ISinkWriter<string> CreateWriter(SinkContext context) => new Writer(Store, context);

    /// <inheritdoc />
    public ISinkCommitter<string> CreateCommitter(SinkContext context) => new Committer(Store);

    private sealed class Writer(CollectStore<T> store, SinkContext context) : ISinkWriter<string>
    {
        private List<T> _buffer = [];

        public void Write(IBatch batch) => _buffer.AddRange(((ElementBatch<T>)batch).Items);

        public IReadOnlyList<string> PrepareCommit(long checkpointId)
        {
            if (_buffer.Count == 0)
            {
                return [];
            }

            var id = $"{context.AttemptId}/{context.SubtaskIndex}/{checkpointId}";
            store.Stage(id, _buffer);
            _buffer = [];
            return [id];
        }

        public void Dispose()
        {
        }
    }

    private sealed class Committer(CollectStore<T> store) : ISinkCommitter<string>
    {
        public void Commit(IReadOnlyList<string> committables)
        {
            foreach (var id in committables)
            {
                store.Commit(id);
            }
        }

        public void AbortLeftovers(string currentAttemptId) => store.AbortAllExcept(currentAttemptId);
    }
}
