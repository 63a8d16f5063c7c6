using Sluice.Connectors.Kafka.Source;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Kafka.Tests.Source;

/// <summary>Splits round-trip through checkpoints; corrupt data is rejected.</summary>
public sealed class KafkaSplitSerializerTests
{
    private static KafkaSourceSplit RoundTrip(KafkaSourceSplit split)
    {
        using var writer = new BinaryBufferWriter();
        KafkaSourceSplit.Serializer.Serialize(split, writer);
        return KafkaSourceSplit.Serializer.Deserialize(new BinaryBufferReader(writer.ToArray()));
    }

    [Fact]
    public void Partition_splits_keep_topic_partition_and_both_offsets()
    {
        var split = new KafkaPartitionSplit("orders.eu", 11, 4242, KafkaPartitionSplit.Unbounded);

        Assert.Equal(split, RoundTrip(split));
        Assert.Equal("orders.eu-11", RoundTrip(split).SplitId);
    }

    [Fact]
    public void Discovery_splits_keep_their_slot_and_known_partitions()
    {
        var split = new KafkaDiscoverySplit(1, 3, new HashSet<string>(["a-0", "a-1", "b-0"], StringComparer.Ordinal));

        var back = Assert.IsType<KafkaDiscoverySplit>(RoundTrip(split));

        Assert.Equal((1, 3), (back.Slot, back.Slots));
        Assert.Equal(["a-0", "a-1", "b-0"], back.Known.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_version_is_rejected()
    {
        Assert.Throws<StateException>(() => KafkaSourceSplit.Serializer.Deserialize(new BinaryBufferReader(new byte[] { 9, 1 })));
    }

    [Fact]
    public void Discovery_owners_are_stable_and_spread_over_the_slots()
    {
        var owners = Enumerable.Range(0, 300).Select(p => KafkaSourceReader.Owner("topic-" + p, 3)).ToList();

        Assert.Equal(owners, Enumerable.Range(0, 300).Select(p => KafkaSourceReader.Owner("topic-" + p, 3)));
        Assert.All(Enumerable.Range(0, 3), slot => Assert.InRange(owners.Count(o => o == slot), 50, 150));
    }
}
