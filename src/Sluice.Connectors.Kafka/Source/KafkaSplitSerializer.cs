using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Kafka.Source;

/// <summary>Serializes <see cref="KafkaSourceSplit"/>s into checkpoints: a version byte, a kind byte, the fields (version 1). Thread-safe.</summary>
public sealed class KafkaSplitSerializer : ITypeSerializer<KafkaSourceSplit>
{
    private const byte Version = 1;
    private const byte PartitionKind = 1;
    private const byte DiscoveryKind = 2;

    /// <inheritdoc />
    public void Serialize(KafkaSourceSplit value, BinaryBufferWriter writer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte(Version);
        switch (value)
        {
            case KafkaPartitionSplit partition:
                writer.WriteByte(PartitionKind);
                writer.WriteString(partition.Topic);
                writer.WriteVarInt64(partition.Partition);
                writer.WriteVarInt64(partition.NextOffset);
                writer.WriteVarInt64(partition.StopOffset);
                break;
            case KafkaDiscoverySplit discovery:
                writer.WriteByte(DiscoveryKind);
                writer.WriteVarInt64(discovery.Slot);
                writer.WriteVarInt64(discovery.Slots);
                writer.WriteVarUInt64((ulong)discovery.Known.Count);
                foreach (var id in discovery.Known.Order(StringComparer.Ordinal))
                {
                    writer.WriteString(id);
                }

                break;
            default:
                throw new ArgumentException($"Unknown Kafka split type {value.GetType().Name}.", nameof(value));
        }
    }

    /// <inheritdoc />
    public KafkaSourceSplit Deserialize(BinaryBufferReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new StateException($"Unsupported Kafka split version {version} (this release reads version {Version}).", ErrorDomain.User);
        }

        var kind = reader.ReadByte();
        switch (kind)
        {
            case PartitionKind:
                var topic = reader.ReadString() ?? throw new StateException("A Kafka partition split has no topic.", ErrorDomain.External);
                return new KafkaPartitionSplit(topic, checked((int)reader.ReadVarInt64()), reader.ReadVarInt64(), reader.ReadVarInt64());
            case DiscoveryKind:
                var slot = checked((int)reader.ReadVarInt64());
                var slots = checked((int)reader.ReadVarInt64());
                var count = reader.ReadVarUInt64();
                if (count > (ulong)reader.Remaining)
                {
                    ThrowHelper.ThrowCorrupt($"A Kafka discovery split claims {count} partitions, more than the data holds.");
                }

                var known = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0UL; i < count; i++)
                {
                    known.Add(reader.ReadString() ?? throw new StateException("A Kafka discovery split has a null partition.", ErrorDomain.External));
                }

                return new KafkaDiscoverySplit(slot, slots, known);
            default:
                throw new StateException($"Unknown Kafka split kind {kind}.", ErrorDomain.External);
        }
    }
}
