using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Kafka.Source;
using Sluice.Connectors.Kafka.Tests.Support;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Testing.Conformance;

namespace Sluice.Connectors.Kafka.Tests.Conformance;

/// <summary>
/// The unbounded source conformance kit on a kafka scan from the earliest offset without an end, over a topic with an
/// empty partition (the idle split of the watermark check).
/// </summary>
public sealed class KafkaUnboundedSourceConformanceTests(KafkaUnboundedConformanceCluster fixture)
    : UnboundedSourceConformanceTests<KafkaSourceSplit>, IClassFixture<KafkaUnboundedConformanceCluster>
{
    private static readonly Schema IdName = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()));

    protected override IReadOnlyList<string> ExpectedRows => fixture.Rows;

    protected override ISource<KafkaSourceSplit> CreateSource() =>
        KafkaTables.Source(KafkaTables.Context(IdName, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "kafka",
            ["topic"] = KafkaUnboundedConformanceCluster.Topic,
            ["properties.bootstrap.servers"] = fixture.Cluster.BootstrapServers,
            ["format"] = "json",
            ["scan.startup.mode"] = "earliest-offset",
            ["scan.bounded.mode"] = "unbounded",
        }));
}
