using Confluent.Kafka;
using Sluice.Connectors.Kafka.Native;

namespace Sluice.Connectors.Kafka;

/// <summary>
/// Builds librdkafka clients from a table's <c>properties.*</c> (passed on unchanged) plus the settings a connector
/// needs, after loading the native library (<see cref="KafkaNative"/>). Client logs are dropped: librdkafka retries
/// transient errors itself, and failures surface as exceptions of the calls that fail.
/// </summary>
internal static class KafkaClients
{
    /// <summary>A consumer that only reads assigned partitions (no subscription, no automatic commits).</summary>
    public static IConsumer<byte[]?, byte[]?> CreateConsumer(IReadOnlyDictionary<string, string> properties, string? groupId = null)
    {
        KafkaNative.EnsureLoaded();
        var config = new Dictionary<string, string>(properties, StringComparer.Ordinal)
        {
            ["enable.auto.commit"] = "false",
            ["enable.auto.offset.store"] = "false",
            ["enable.partition.eof"] = "true",
        };
        // An offset that no longer exists (retention, or a discovered partition started at 0) restarts at the earliest
        // record rather than skipping to the end, unless the table says otherwise.
        config.TryAdd("auto.offset.reset", "earliest");
        if (groupId is not null)
        {
            config["group.id"] = groupId;
        }
        else if (!config.ContainsKey("group.id"))
        {
            // librdkafka needs a group id for a consumer; an assign-only consumer never joins the group.
            config["group.id"] = "sluice-unused";
        }

        return new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler(static (_, _) => { })
            .SetErrorHandler(static (_, _) => { })
            .Build();
    }

    /// <summary>A producer; <paramref name="transactionalId"/> makes it transactional.</summary>
    public static IProducer<byte[]?, byte[]?> CreateProducer(IReadOnlyDictionary<string, string> properties, string? transactionalId = null,
        string? partitioner = null)
    {
        KafkaNative.EnsureLoaded();
        var config = new Dictionary<string, string>(properties, StringComparer.Ordinal);
        if (transactionalId is not null)
        {
            config["transactional.id"] = transactionalId;
            config["enable.idempotence"] = "true";
        }

        if (partitioner is not null && !config.ContainsKey("partitioner"))
        {
            config["partitioner"] = partitioner;
        }

        return new ProducerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler(static (_, _) => { })
            .SetErrorHandler(static (_, _) => { })
            .Build();
    }

    /// <summary>The partitions of every topic in the cluster's metadata that <paramref name="include"/> accepts.</summary>
    public static List<TopicPartition> ListPartitions(IClient client, IReadOnlyList<string> topics, Func<string, bool> include, TimeSpan timeout)
    {
        using var admin = new DependentAdminClientBuilder(client.Handle).Build();
        var result = new List<TopicPartition>();
        var metadata = topics.Count > 0
            ? topics.Select(t => admin.GetMetadata(t, timeout)).SelectMany(m => m.Topics)
            : admin.GetMetadata(timeout).Topics;
        foreach (var topic in metadata)
        {
            if (topic.Error.IsError || !include(topic.Topic))
            {
                continue;
            }

            result.AddRange(topic.Partitions.Select(p => new TopicPartition(topic.Topic, p.PartitionId)));
        }

        result.Sort((a, b) => a.Topic == b.Topic ? a.Partition.Value.CompareTo(b.Partition.Value) : string.CompareOrdinal(a.Topic, b.Topic));
        return result;
    }
}
