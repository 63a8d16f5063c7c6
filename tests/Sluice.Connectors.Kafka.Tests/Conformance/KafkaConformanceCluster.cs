using Sluice.Connectors.Kafka.Tests.Support;

namespace Sluice.Connectors.Kafka.Tests.Conformance;

/// <summary>The mock cluster of a conformance test class, with a topic of known rows (3 partitions, 90 records).</summary>
public sealed class KafkaConformanceCluster : IDisposable
{
    public const string Topic = "conformance";

    public KafkaConformanceCluster()
    {
        Cluster.CreateTopic(Topic, 3);
        Cluster.Produce(Topic, Enumerable.Range(0, 90).Select(i => new TestRecord(null, $"{{\"id\":{i},\"name\":\"n{i}\"}}", i % 3)));
    }

    public MockKafkaCluster Cluster { get; } = new();

    public IReadOnlyList<string> Rows { get; } = [.. Enumerable.Range(0, 90).Select(i => $"+I[{i}, n{i}]")];

    public void Dispose() => Cluster.Dispose();
}
