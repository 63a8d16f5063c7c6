using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Kafka.Sink;

/// <summary>Serializes <see cref="KafkaCommittable"/>s into checkpoints (version 1). Thread-safe.</summary>
internal sealed class KafkaCommittableSerializer : ITypeSerializer<KafkaCommittable>
{
    private const byte Version = 1;

    public static KafkaCommittableSerializer Instance { get; } = new();

    public void Serialize(KafkaCommittable value, BinaryBufferWriter writer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte(Version);
        writer.WriteVarInt64(value.Subtask);
        writer.WriteVarInt64(value.Parallelism);
        writer.WriteVarInt64(value.CheckpointId);
        writer.WriteString(value.AttemptId);
        writer.WriteVarUInt64((ulong)value.Records.Count);
        foreach (var record in value.Records)
        {
            writer.WriteVarInt64(record.Partition);
            WriteNullable(writer, record.Key);
            WriteNullable(writer, record.Value);
            writer.WriteBoolean(record.Timestamp.HasValue);
            if (record.Timestamp is { } timestamp)
            {
                writer.WriteVarInt64(timestamp);
            }

            var headers = record.Headers ?? [];
            writer.WriteVarUInt64((ulong)headers.Count);
            foreach (var (key, headerValue) in headers)
            {
                writer.WriteString(key);
                WriteNullable(writer, headerValue);
            }
        }
    }

    public KafkaCommittable Deserialize(BinaryBufferReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new StateException($"Unsupported Kafka committable version {version} (this release reads version {Version}).", ErrorDomain.User);
        }

        var subtask = checked((int)reader.ReadVarInt64());
        var parallelism = checked((int)reader.ReadVarInt64());
        var checkpointId = reader.ReadVarInt64();
        var attemptId = reader.ReadString() ?? "";
        var count = Count(reader);
        var records = new List<KafkaRecord>((int)count);
        for (var i = 0UL; i < count; i++)
        {
            var partition = checked((int)reader.ReadVarInt64());
            var key = ReadNullable(reader);
            var value = ReadNullable(reader);
            long? timestamp = reader.ReadBoolean() ? reader.ReadVarInt64() : null;
            var headerCount = Count(reader);
            List<KeyValuePair<string, byte[]?>>? headers = headerCount == 0 ? null : new((int)headerCount);
            for (var h = 0UL; h < headerCount; h++)
            {
                var name = reader.ReadString() ?? "";
                headers!.Add(new KeyValuePair<string, byte[]?>(name, ReadNullable(reader)));
            }

            records.Add(new KafkaRecord(partition, key, value, timestamp, headers));
        }

        return new KafkaCommittable(subtask, parallelism, checkpointId, attemptId, records);
    }

    private static ulong Count(BinaryBufferReader reader)
    {
        var count = reader.ReadVarUInt64();
        if (count > (ulong)reader.Remaining)
        {
            ThrowHelper.ThrowCorrupt($"A Kafka committable claims {count} entries, more than the data holds.");
        }

        return count;
    }

    private static void WriteNullable(BinaryBufferWriter writer, byte[]? bytes)
    {
        writer.WriteBoolean(bytes is not null);
        if (bytes is not null)
        {
            writer.WriteBytes(bytes);
        }
    }

    private static byte[]? ReadNullable(BinaryBufferReader reader) => reader.ReadBoolean() ? reader.ReadBytes().ToArray() : null;
}
