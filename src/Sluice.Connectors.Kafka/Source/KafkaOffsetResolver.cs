using Confluent.Kafka;
using Sluice.Core.Errors;

namespace Sluice.Connectors.Kafka.Source;

/// <summary>Resolves a partition's start and end offsets for a fresh start of a <see cref="KafkaSource"/>.</summary>
internal sealed class KafkaOffsetResolver(IConsumer<byte[]?, byte[]?> consumer, KafkaSourceOptions options)
{
    private readonly Dictionary<TopicPartition, long> _committed = [];
    private bool _committedLoaded;

    public KafkaPartitionSplit Resolve(TopicPartition partition)
    {
        var start = options.StartupMode switch
        {
            StartupMode.EarliestOffset => Low(partition),
            StartupMode.LatestOffset => High(partition),
            StartupMode.Timestamp => ForTimestamp(partition, options.StartupTimestamp),
            StartupMode.SpecificOffsets => options.StartupOffsets.TryGetValue(partition.Partition.Value, out var o) ? o : Low(partition),
            _ => Committed(partition) ?? (ResetToLatest() ? High(partition) : Low(partition)),
        };
        var stop = options.BoundedMode switch
        {
            BoundedMode.Unbounded => KafkaPartitionSplit.Unbounded,
            BoundedMode.LatestOffset => High(partition),
            BoundedMode.Timestamp => ForTimestamp(partition, options.BoundedTimestamp),
            BoundedMode.SpecificOffsets => options.BoundedOffsets.TryGetValue(partition.Partition.Value, out var o) ? o : High(partition),
            _ => Committed(partition) ?? High(partition),
        };
        return new KafkaPartitionSplit(partition.Topic, partition.Partition.Value, start, stop);
    }

    private bool ResetToLatest() =>
        options.Properties.TryGetValue("auto.offset.reset", out var reset) && reset is "latest" or "largest" or "end";

    private long Low(TopicPartition partition) => Watermarks(partition).Low.Value;

    private long High(TopicPartition partition) => Watermarks(partition).High.Value;

    private WatermarkOffsets Watermarks(TopicPartition partition)
    {
        try
        {
            return consumer.QueryWatermarkOffsets(partition, options.RequestTimeout);
        }
        catch (KafkaException ex)
        {
            throw Failure($"cannot read the offsets of {partition}: {ex.Error.Reason}", ex);
        }
    }

    /// <summary>The offset of the first record at or after <paramref name="timestamp"/>, or the end when there is none.</summary>
    private long ForTimestamp(TopicPartition partition, long timestamp)
    {
        try
        {
            var result = consumer.OffsetsForTimes([new TopicPartitionTimestamp(partition, new Timestamp(timestamp, TimestampType.CreateTime))],
                options.RequestTimeout);
            var offset = result.Count > 0 ? result[0].Offset : Offset.End;
            return offset.Value >= 0 ? offset.Value : High(partition);
        }
        catch (KafkaException ex)
        {
            throw Failure($"cannot look up the offset of timestamp {timestamp} in {partition}: {ex.Error.Reason}", ex);
        }
    }

    private long? Committed(TopicPartition partition)
    {
        if (!_committedLoaded)
        {
            _committedLoaded = true;
            if (!options.Properties.ContainsKey("group.id"))
            {
                throw new ConnectorException("kafka",
                    $"Table '{options.TableName}': group offsets need 'properties.group.id' (or choose another 'scan.startup.mode').",
                    ErrorDomain.User, RetryHint.None);
            }
        }

        if (_committed.TryGetValue(partition, out var known))
        {
            return known >= 0 ? known : null;
        }

        try
        {
            var offsets = consumer.Committed([partition], options.RequestTimeout);
            var offset = offsets.Count > 0 ? offsets[0].Offset.Value : -1;
            _committed[partition] = offset;
            return offset >= 0 ? offset : null;
        }
        catch (KafkaException ex)
        {
            throw Failure($"cannot read the committed offset of {partition}: {ex.Error.Reason}", ex);
        }
    }

    private ConnectorException Failure(string message, Exception inner) =>
        new("kafka", $"Table '{options.TableName}': {message}", ErrorDomain.External, RetryHint.WithBackoff, inner);
}
