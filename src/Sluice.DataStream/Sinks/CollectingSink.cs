using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;

namespace Sluice.DataStream.Sinks;

/// <summary>
/// The exactly-once sink behind <c>ExecuteAndCollectAsync</c>: elements become visible when the checkpoint that
/// pre-committed them completes (a bounded job ends with a final checkpoint, so everything is committed then).
/// </summary>
internal sealed class CollectingSink<T>(CollectResults<T> results) : ISink<string>
{
    public ITypeSerializer<string> CommittableSerializer => Serializers.String;

    public ISinkWriter<string> CreateWriter(SinkContext context) => new Writer(results, context);

    public ISinkCommitter<string> CreateCommitter(SinkContext context) => new Committer(results);

    private sealed class Writer(CollectResults<T> results, SinkContext context) : ISinkWriter<string>
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
            results.Stage(id, _buffer);
            _buffer = [];
            return [id];
        }

        public void Dispose()
        {
        }
    }

    private sealed class Committer(CollectResults<T> results) : ISinkCommitter<string>
    {
        public void Commit(IReadOnlyList<string> committables)
        {
            foreach (var id in committables)
            {
                results.Commit(id);
            }
        }

        public void AbortLeftovers(string currentAttemptId) => results.AbortAllExcept(currentAttemptId);
    }
}
