using Confluent.Kafka;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Kafka.Source;

/// <summary>
/// The Kafka source: every partition of the subscribed topics is a split whose position is the offset of the next
/// record; readers assign their partitions to a consumer (no consumer-group rebalancing) and decode records into
/// <c>RecordBatch</c>es.
/// </summary>
/// <remarks>
/// <para><b>Start and end.</b> On a fresh start <see cref="DiscoverSplits"/> resolves every partition's start offset
/// (<c>scan.startup.mode</c>) and, for bounded scans, its end offset (<c>scan.bounded.mode</c>) to concrete offsets, so
/// a restored job continues at exactly the checkpointed offsets and ends where the first run decided.</para>
/// <para><b>Discovery.</b> An unbounded source with a discovery interval adds one <see cref="KafkaDiscoverySplit"/> per
/// subtask; see there.</para>
/// </remarks>
internal sealed class KafkaSource : ISource<KafkaSourceSplit>
{
    public KafkaSource(KafkaSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    public KafkaSourceOptions Options { get; }

    public Boundedness Boundedness => Options.BoundedMode == BoundedMode.Unbounded ? Boundedness.Unbounded : Boundedness.Bounded;

    public ITypeSerializer<KafkaSourceSplit> SplitSerializer => KafkaSourceSplit.Serializer;

    public IReadOnlyList<KafkaSourceSplit> DiscoverSplits(int parallelism)
    {
        using var consumer = KafkaClients.CreateConsumer(Options.Properties);
        List<TopicPartition> partitions;
        try
        {
            partitions = KafkaClients.ListPartitions(consumer, Options.Topics, Options.Includes, Options.RequestTimeout);
        }
        catch (KafkaException ex)
        {
            throw Failure($"cannot list the partitions of {Describe()}: {ex.Error.Reason}", ex);
        }

        if (partitions.Count == 0 && Options.TopicPattern is null)
        {
            throw new ConnectorException("kafka", $"Table '{Options.TableName}': the topic(s) {Describe()} have no partitions (do they exist?).",
                ErrorDomain.User, RetryHint.WithBackoff);
        }

        var resolver = new KafkaOffsetResolver(consumer, Options);
        var splits = new List<KafkaSourceSplit>();
        foreach (var partition in partitions)
        {
            splits.Add(resolver.Resolve(partition));
        }

        if (Boundedness == Boundedness.Unbounded && Options.DiscoveryInterval is not null)
        {
            var known = new HashSet<string>(splits.Select(s => s.SplitId), StringComparer.Ordinal);
            for (var slot = 0; slot < parallelism; slot++)
            {
                splits.Add(new KafkaDiscoverySplit(slot, parallelism, known));
            }
        }

        return splits;
    }

    public ISourceReader<KafkaSourceSplit> CreateReader(SourceReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new KafkaSourceReader(Options, context);
    }

    internal string Describe() => Options.TopicPattern is { } pattern ? $"pattern '{pattern}'" : string.Join(", ", Options.Topics.Select(t => $"'{t}'"));

    internal ConnectorException Failure(string message, Exception inner) =>
        new("kafka", $"Table '{Options.TableName}': {message}", ErrorDomain.External, RetryHint.WithBackoff, inner);
}
