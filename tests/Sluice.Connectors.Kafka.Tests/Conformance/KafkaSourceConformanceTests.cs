using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Kafka.Source;
using Sluice.Connectors.Kafka.Tests.Support;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Testing.Conformance;

namespace Sluice.Connectors.Kafka.Tests.Conformance;

/// <summary>The source conformance kit on a bounded kafka scan (earliest to latest offset) of three partitions.</summary>
public sealed class KafkaSourceConformanceTests(KafkaConformanceCluster fixture)
    : SourceConformanceTests<KafkaSourceSplit>, IClassFixture<KafkaConformanceCluster>
{
    private static readonly Schema IdName = Schema.Of(new Field("id", DataTypes.BigInt()), new Field("name", DataTypes.String()));

    protected override IReadOnlyList<string> ExpectedRows => fixture.Rows;

    protected override ISource<KafkaSourceSplit> CreateSource() =>
        KafkaTables.Source(KafkaTables.Context(IdName, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "kafka",
            ["topic"] = KafkaConformanceCluster.Topic,
            ["properties.bootstrap.servers"] = fixture.Cluster.BootstrapServers,
            ["format"] = "json",
            ["scan.startup.mode"] = "earliest-offset",
            ["scan.bounded.mode"] = "latest-offset",
        }));
}
