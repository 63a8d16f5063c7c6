using Confluent.Kafka;
using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Batches;
using Sluice.Core.Errors;

namespace Sluice.Connectors.Kafka.Sink;

/// <summary>
/// The writer of one subtask of a <see cref="KafkaSink"/>.
/// </summary>
/// <remarks>
/// <para><b>exactly-once</b>: records are kept (encoded) until the barrier, and <see cref="PrepareCommit"/> hands them
/// over in one <see cref="KafkaCommittable"/>; the committer writes them in a transaction when the checkpoint
/// completes. Nothing reaches Kafka before that.</para>
/// <para><b>at-least-once</b>: records are produced at once; <see cref="PrepareCommit"/> waits until every one was
/// acknowledged, so a completed checkpoint never misses a record (a restart may write some again).</para>
/// <para><b>none</b>: records are produced at once and never waited for (except at the end of input).</para>
/// <para>A failed delivery fails the job at the next write or barrier. <b>Threading.</b> The sink task's thread
/// only; <see cref="Dispose"/> closes the producer.</para>
/// </remarks>
internal sealed class KafkaSinkWriter : ISinkWriter<KafkaCommittable>
{
    private readonly KafkaSinkOptions _options;
    private readonly SinkContext _context;
    private readonly KafkaRowEncoder _encoder;
    private readonly List<KafkaRecord> _buffered = [];
    private readonly Action<DeliveryReport<byte[]?, byte[]?>> _onDelivery;
    private readonly Action<KafkaRecord> _add;
    private IProducer<byte[]?, byte[]?>? _producer;
    private int _partitionCount;
    private long _roundRobin;
    private volatile Exception? _deliveryError;

    public KafkaSinkWriter(KafkaSinkOptions options, SinkContext context)
    {
        _options = options;
        _context = context;
        _encoder = new KafkaRowEncoder(options);
        _roundRobin = context.SubtaskIndex;
        _onDelivery = report =>
        {
            if (report.Error.IsError && _deliveryError is null)
            {
                _deliveryError = new ConnectorException("kafka",
                    $"Table '{_options.TableName}': a record could not be written to '{report.TopicPartition}': {report.Error.Reason}",
                    ErrorDomain.External, RetryHint.WithBackoff);
            }
        };
        _add = Add;
    }

    public void Write(IBatch batch)
    {
        ThrowIfFailed();
        var records = batch as RecordBatch ?? throw new ArgumentException("The Kafka sink writes RecordBatches.", nameof(batch));
        _encoder.Encode(records, _add);
    }

    public IReadOnlyList<KafkaCommittable> PrepareCommit(long checkpointId)
    {
        ThrowIfFailed();
        switch (_options.Guarantee)
        {
            case DeliveryGuarantee.ExactlyOnce:
                if (_buffered.Count == 0)
                {
                    return [];
                }

                var committable = new KafkaCommittable(_context.SubtaskIndex, _context.Parallelism, checkpointId, _context.AttemptId,
                    [.. _buffered]);
                _buffered.Clear();
                return [committable];
            case DeliveryGuarantee.AtLeastOnce:
                Flush();
                return [];
            default:
                return [];
        }
    }

    public void Finish()
    {
        if (_options.Guarantee == DeliveryGuarantee.None)
        {
            Flush();
        }
    }

    public void Dispose()
    {
        _producer?.Dispose();
        _producer = null;
    }

    private void Add(KafkaRecord record)
    {
        var partition = _options.Partitioner switch
        {
            SinkPartitioner.Fixed => _context.SubtaskIndex % PartitionCount(),
            SinkPartitioner.RoundRobin => (int)(_roundRobin++ % PartitionCount()),
            _ => -1,
        };
        if (partition >= 0)
        {
            record = record with { Partition = partition };
        }

        if (_options.Guarantee == DeliveryGuarantee.ExactlyOnce)
        {
            _buffered.Add(record);
            return;
        }

        var target = new TopicPartition(_options.Topic, record.Partition < 0 ? Partition.Any : new Partition(record.Partition));
        KafkaProducing.Produce(Producer(), target, KafkaProducing.ToMessage(record), _onDelivery);
    }

    private IProducer<byte[]?, byte[]?> Producer() =>
        _producer ??= KafkaClients.CreateProducer(_options.Properties, partitioner: "murmur2_random");

    private int PartitionCount()
    {
        if (_partitionCount == 0)
        {
            try
            {
                _partitionCount = KafkaClients.ListPartitions(Producer(), [_options.Topic], _ => true, _options.RequestTimeout).Count;
            }
            catch (KafkaException ex)
            {
                throw new ConnectorException("kafka", $"Table '{_options.TableName}': cannot read the partitions of '{_options.Topic}': {ex.Error.Reason}",
                    ErrorDomain.External, RetryHint.WithBackoff, ex);
            }

            if (_partitionCount == 0)
            {
                throw new ConnectorException("kafka", $"Table '{_options.TableName}': the topic '{_options.Topic}' has no partitions (does it exist?).",
                    ErrorDomain.User, RetryHint.WithBackoff);
            }
        }

        return _partitionCount;
    }

    private void Flush()
    {
        if (_producer is null)
        {
            return;
        }

        var remaining = _producer.Flush(_options.RequestTimeout);
        ThrowIfFailed();
        if (remaining > 0)
        {
            throw new ConnectorException("kafka",
                $"Table '{_options.TableName}': {remaining} record(s) were not acknowledged within {_options.RequestTimeout.TotalSeconds} s.",
                ErrorDomain.External, RetryHint.WithBackoff);
        }
    }

    private void ThrowIfFailed()
    {
        if (_deliveryError is { } error)
        {
            throw error;
        }
    }
}
