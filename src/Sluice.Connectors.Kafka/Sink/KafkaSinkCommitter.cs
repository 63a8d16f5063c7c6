using System.Globalization;
using Confluent.Kafka;
using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Errors;

namespace Sluice.Connectors.Kafka.Sink;

/// <summary>
/// The committer of one subtask of an exactly-once <see cref="KafkaSink"/>: writes each committable's records and its
/// commit-log record (<see cref="KafkaCommitLog"/>) in one Kafka transaction, with the transactional id
/// <c>&lt;prefix&gt;-&lt;subtask&gt;</c>.
/// </summary>
/// <remarks>
/// <para><b>Idempotence.</b> A committable of this attempt is committed once (the runtime calls
/// <see cref="Commit"/> once per completed checkpoint). A restored committable (of another attempt) may have been
/// committed before the crash: the commit log says so, and it is skipped. Commits of one subtask happen in checkpoint
/// order, so "the log's highest checkpoint of that subtask is at least this one" means "committed".</para>
/// <para><b>Fencing.</b> Initializing the transactional producer fences a producer of an earlier attempt with the same
/// id and aborts its open transaction, so a commit interrupted by a crash is never half visible.
/// <see cref="AbortLeftovers"/> does the same for ids of subtasks beyond the current parallelism. Reading the commit
/// log with read_committed waits (up to the request timeout) while a crashed attempt's commit transaction is still
/// open in it; the committers of the new attempt fence theirs when they are created, which ends the wait.</para>
/// <para><b>Threading.</b> The sink task's thread only.</para>
/// </remarks>
internal sealed class KafkaSinkCommitter : ISinkCommitter<KafkaCommittable>, IDisposable
{
    private readonly KafkaSinkOptions _options;
    private readonly SinkContext _context;
    private readonly HashSet<(int, long)> _committed = [];
    private IProducer<byte[]?, byte[]?>? _producer;
    private int _restoredParallelism;

    public KafkaSinkCommitter(KafkaSinkOptions options, SinkContext context)
    {
        _options = options;
        _context = context;
    }

    /// <summary>The transactional id of a subtask's committer.</summary>
    public static string TransactionalId(string prefix, int subtask) => prefix + "-" + subtask.ToString(CultureInfo.InvariantCulture);

    public void Commit(IReadOnlyList<KafkaCommittable> committables)
    {
        ArgumentNullException.ThrowIfNull(committables);
        Dictionary<int, long>? log = null;
        foreach (var committable in committables.OrderBy(c => c.Subtask).ThenBy(c => c.CheckpointId))
        {
            if (!_committed.Add((committable.Subtask, committable.CheckpointId)))
            {
                continue;
            }

            if (committable.AttemptId != _context.AttemptId)
            {
                _restoredParallelism = Math.Max(_restoredParallelism, committable.Parallelism);
                log ??= KafkaCommitLog.ReadCommitted(_options);
                if (log.TryGetValue(committable.Subtask, out var last) && last >= committable.CheckpointId)
                {
                    continue;
                }
            }

            Write(committable);
        }
    }

    public void AbortLeftovers(string currentAttemptId)
    {
        for (var subtask = _context.Parallelism; subtask < _restoredParallelism; subtask++)
        {
            using var producer = KafkaClients.CreateProducer(_options.Properties, TransactionalId(_options.TransactionalIdPrefix, subtask));
            try
            {
                producer.InitTransactions(_options.RequestTimeout);
            }
            catch (KafkaException ex)
            {
                throw Failure($"cannot abort the leftover transactions of '{TransactionalId(_options.TransactionalIdPrefix, subtask)}'", ex);
            }
        }
    }

    public void Dispose()
    {
        _producer?.Dispose();
        _producer = null;
    }

    private void Write(KafkaCommittable committable)
    {
        var producer = Producer();
        try
        {
            producer.BeginTransaction();
            foreach (var record in committable.Records)
            {
                var target = new TopicPartition(_options.Topic, record.Partition < 0 ? Partition.Any : new Partition(record.Partition));
                KafkaProducing.Produce(producer, target, KafkaProducing.ToMessage(record), null);
            }

            KafkaProducing.Produce(producer, new TopicPartition(_options.CommitLogTopic, 0),
                KafkaCommitLog.Marker(_options.TransactionalIdPrefix, committable.Subtask, committable.CheckpointId), null);
            producer.CommitTransaction(_options.RequestTimeout);
        }
        catch (KafkaException ex)
        {
            _committed.Remove((committable.Subtask, committable.CheckpointId));
            try
            {
                producer.AbortTransaction(_options.RequestTimeout);
            }
            catch (KafkaException)
            {
                // The producer is unusable; the next attempt fences its transaction.
            }

            _producer = null;
            producer.Dispose();
            throw Failure($"cannot commit checkpoint {committable.CheckpointId} of subtask {committable.Subtask}", ex);
        }
    }

    private IProducer<byte[]?, byte[]?> Producer()
    {
        if (_producer is not null)
        {
            return _producer;
        }

        var id = TransactionalId(_options.TransactionalIdPrefix, _context.SubtaskIndex);
        var producer = KafkaClients.CreateProducer(_options.Properties, id, "murmur2_random");
        try
        {
            producer.InitTransactions(_options.RequestTimeout);
        }
        catch (KafkaException ex)
        {
            producer.Dispose();
            throw Failure($"cannot initialize the transactional producer '{id}'", ex);
        }

        return _producer = producer;
    }

    /// <summary>Initializes the producer now (fencing an earlier attempt's open transaction of the same id).</summary>
    public void Fence() => Producer();

    private ConnectorException Failure(string message, KafkaException inner) =>
        new("kafka", $"Table '{_options.TableName}': {message}: {inner.Error.Reason}", ErrorDomain.External, RetryHint.WithBackoff, inner);
}
