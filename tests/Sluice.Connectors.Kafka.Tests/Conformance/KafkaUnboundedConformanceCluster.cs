using Sluice.Connectors.Kafka.Tests.Support;

namespace Sluice.Connectors.Kafka.Tests.Conformance;

/// <summary>
/// The mock cluster of the unbounded conformance tests: a topic of three partitions with 60 records in partitions 0 and
/// 1 and none in partition 2, whose split stays idle.
/// </summary>
public sealed class KafkaUnboundedConformanceCluster : IDisposable
{
    public const string Topic = "conformance-unbounded";

    public KafkaUnboundedConformanceCluster()
    {
        Cluster.CreateTopic(Topic, 3);
        Cluster.Produce(Topic, Enumerable.Range(0, 60).Select(i => new TestRecord(null, $"{{\"id\":{i},\"name\":\"n{i}\"}}", i % 2)));
    }

    public MockKafkaCluster Cluster { get; } = new();

    public IReadOnlyList<string> Rows { get; } = [.. Enumerable.Range(0, 60).Select(i => $"+I[{i}, n{i}]")];

    public void Dispose() => Cluster.Dispose();
}
