using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using Sluice.Connectors.Kafka.Native;

namespace Sluice.Connectors.Kafka.Tests.Support;

/// <summary>
/// An in-process Kafka cluster: librdkafka's mock cluster (three brokers listening on 127.0.0.1), alive as long as this
/// object. Topics are created on first use (or with <see cref="CreateTopic"/> and a partition count).
/// </summary>
/// <remarks>
/// The mock implements produce, fetch, offsets, groups and the transaction API, but not transaction isolation: a
/// read_committed consumer also sees records of open or aborted transactions. Tests of the exactly-once sink therefore
/// check what was written to the cluster at all, which is stricter.
/// </remarks>
public sealed class MockKafkaCluster : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _owner;

    public MockKafkaCluster(int brokers = 3)
    {
        KafkaNative.EnsureLoaded();
        _owner = new ProducerBuilder<byte[]?, byte[]?>(new Dictionary<string, string>
            {
                ["bootstrap.servers"] = "mock",
                ["test.mock.num.brokers"] = brokers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, _) => { })
            .Build();
        using var admin = new DependentAdminClientBuilder(_owner.Handle).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        BootstrapServers = string.Join(",", metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
    }

    public string BootstrapServers { get; }

    /// <summary>Creates a topic with <paramref name="partitions"/> partitions through the mock cluster's C API.</summary>
    public void CreateTopic(string topic, int partitions)
    {
        var library = NativeLibrary.Load(Environment.GetEnvironmentVariable(KafkaNative.LibraryVariable) is { Length: > 0 } v ? v : "librdkafka.so.1");
        var handleOf = NativeLibrary.GetExport(library, "rd_kafka_handle_mock_cluster");
        var create = NativeLibrary.GetExport(library, "rd_kafka_mock_topic_create");
        var handle = (SafeHandle)typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(_owner.Handle)!;
        unsafe
        {
            var cluster = ((delegate* unmanaged<IntPtr, IntPtr>)handleOf)(handle.DangerousGetHandle());
            var name = Marshal.StringToHGlobalAnsi(topic);
            try
            {
                var error = ((delegate* unmanaged<IntPtr, IntPtr, int, int, int>)create)(cluster, name, partitions, 1);
                if (error != 0)
                {
                    throw new InvalidOperationException($"rd_kafka_mock_topic_create({topic}, {partitions}) failed with {error}.");
                }
            }
            finally
            {
                Marshal.FreeHGlobal(name);
            }
        }
    }

    /// <summary>Produces records (plain, not transactional) and waits until all are acknowledged.</summary>
    public void Produce(string topic, IEnumerable<TestRecord> records)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new Dictionary<string, string> { ["bootstrap.servers"] = BootstrapServers })
            .SetLogHandler((_, _) => { })
            .Build();
        foreach (var record in records)
        {
            var message = new Message<byte[]?, byte[]?>
            {
                Key = record.Key is null ? null : Encoding.UTF8.GetBytes(record.Key),
                Value = record.Value is null ? null : Encoding.UTF8.GetBytes(record.Value),
                Timestamp = record.Timestamp is { } ts ? new Timestamp(ts, TimestampType.CreateTime) : Timestamp.Default,
            };
            if (record.Headers is not null)
            {
                message.Headers = [];
                foreach (var (key, value) in record.Headers)
                {
                    message.Headers.Add(key, value is null ? null : Encoding.UTF8.GetBytes(value));
                }
            }

            while (true)
            {
                try
                {
                    producer.Produce(new TopicPartition(topic, record.Partition), message);
                    break;
                }
                catch (ProduceException<byte[]?, byte[]?> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }

        if (producer.Flush(TimeSpan.FromSeconds(30)) > 0)
        {
            throw new TimeoutException($"Producing to '{topic}' did not finish.");
        }
    }

    /// <summary>Every record of <paramref name="topic"/> now, in partition and offset order.</summary>
    public List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string topic)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new Dictionary<string, string>
            {
                ["bootstrap.servers"] = BootstrapServers,
                ["group.id"] = "test-reader",
                ["enable.auto.commit"] = "false",
                ["isolation.level"] = "read_committed",
            })
            .SetLogHandler((_, _) => { })
            .Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single();
        var result = new List<ConsumeResult<byte[]?, byte[]?>>();
        if (metadata.Error.IsError)
        {
            return result;
        }

        foreach (var partition in metadata.Partitions.OrderBy(p => p.PartitionId))
        {
            var tp = new TopicPartition(topic, partition.PartitionId);
            var end = consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value;
            if (end == 0)
            {
                continue;
            }

            consumer.Assign(new TopicPartitionOffset(tp, Offset.Beginning));
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (record is null || record.IsPartitionEOF)
                {
                    if (record is not null && record.Offset.Value >= end)
                    {
                        break;
                    }

                    continue;
                }

                result.Add(record);
                if (record.Offset.Value + 1 >= end)
                {
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>The values of <see cref="ReadAll"/> as text (null for tombstones).</summary>
    public List<string?> ReadValues(string topic) =>
        [.. ReadAll(topic).Select(r => r.Message.Value is null ? null : Encoding.UTF8.GetString(r.Message.Value))];

    public void Dispose() => _owner.Dispose();
}
