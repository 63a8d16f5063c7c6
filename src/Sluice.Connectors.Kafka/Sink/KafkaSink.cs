using System.Collections.Concurrent;
using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Kafka.Sink;

/// <summary>
/// The Kafka sink with the three delivery guarantees of <c>sink.delivery-guarantee</c> (see <see cref="KafkaSinkWriter"/>
/// and <see cref="KafkaSinkCommitter"/>).
/// </summary>
/// <remarks>
/// <para><b>Why exactly-once writes at commit time.</b> librdkafka cannot take over or commit a transaction another
/// producer instance opened, so a transaction left open by a crashed process can only be aborted. Writing each
/// checkpoint's records in their own transaction when the checkpoint completes, from records carried in the
/// checkpoint, lets a restored job finish a commit the crash interrupted; the commit log makes that commit happen at
/// most once. The cost: the records of a checkpoint interval are kept in memory and in the checkpoint, and they become
/// visible one commit after they were written.</para>
/// </remarks>
internal sealed class KafkaSink : ISink<KafkaCommittable>
{
    private readonly ConcurrentDictionary<(string, int), KafkaSinkCommitter> _committers = new();

    public KafkaSink(KafkaSinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    public KafkaSinkOptions Options { get; }

    public ITypeSerializer<KafkaCommittable> CommittableSerializer => KafkaCommittableSerializer.Instance;

    public ISinkWriter<KafkaCommittable> CreateWriter(SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _committers.TryRemove((context.AttemptId, context.SubtaskIndex), out var committer);
        return new OwningWriter(new KafkaSinkWriter(Options, context), committer);
    }

    public ISinkCommitter<KafkaCommittable> CreateCommitter(SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var committer = new KafkaSinkCommitter(Options, context);
        if (Options.Guarantee == DeliveryGuarantee.ExactlyOnce)
        {
            committer.Fence();
        }

        // The runtime creates the committer, then the writer of the same subtask; the writer's disposal closes both.
        if (_committers.TryGetValue((context.AttemptId, context.SubtaskIndex), out var previous))
        {
            previous.Dispose();
        }

        _committers[(context.AttemptId, context.SubtaskIndex)] = committer;
        return committer;
    }

    /// <summary>A writer that also disposes its subtask's committer (which the runtime does not dispose).</summary>
    private sealed class OwningWriter(KafkaSinkWriter writer, KafkaSinkCommitter? committer) : ISinkWriter<KafkaCommittable>
    {
        public void Write(Core.Batches.IBatch batch) => writer.Write(batch);

        public IReadOnlyList<KafkaCommittable> PrepareCommit(long checkpointId) => writer.PrepareCommit(checkpointId);

        public void Finish() => writer.Finish();

        public void Dispose()
        {
            writer.Dispose();
            committer?.Dispose();
        }
    }
}
