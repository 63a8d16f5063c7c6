using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Postgres.Types;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Postgres.Scan;

/// <summary>
/// A split of a <see cref="PostgresScanSource"/>: one range of the partition column (or the whole table) and the
/// position reached in it, the key of the last row emitted in key order (primary key columns, or the row's
/// <c>ctid</c> when the table declares no key). Immutable.
/// </summary>
/// <param name="Index">The split's number (0-based).</param>
/// <param name="Count">The number of splits.</param>
/// <param name="Lower">The range's lower bound (inclusive), or null when open.</param>
/// <param name="Upper">The range's upper bound (inclusive), or null when open.</param>
/// <param name="LastKey">The key of the last emitted row, or null when nothing was emitted yet.</param>
internal sealed record PostgresScanSplit(int Index, int Count, long? Lower, long? Upper, object?[]? LastKey) : ISourceSplit
{
    /// <inheritdoc />
    public string SplitId => $"scan-{Index}";

    /// <summary>Serializes splits into checkpoints (version 1).</summary>
    public static ITypeSerializer<PostgresScanSplit> Serializer { get; } = new SplitSerializer();

    private sealed class SplitSerializer : ITypeSerializer<PostgresScanSplit>
    {
        private const byte Version = 1;

        public void Serialize(PostgresScanSplit value, BinaryBufferWriter writer)
        {
            writer.WriteByte(Version);
            writer.WriteVarInt64(value.Index);
            writer.WriteVarInt64(value.Count);
            WriteOptional(writer, value.Lower);
            WriteOptional(writer, value.Upper);
            KeyValueSerializer.Write(writer, value.LastKey);
        }

        public PostgresScanSplit Deserialize(BinaryBufferReader reader)
        {
            var version = reader.ReadByte();
            if (version != Version)
            {
                throw new StateException($"Unsupported postgres scan split version {version} (this release reads version {Version}).", ErrorDomain.User);
            }

            return new PostgresScanSplit((int)reader.ReadVarInt64(), (int)reader.ReadVarInt64(), ReadOptional(reader), ReadOptional(reader),
                KeyValueSerializer.Read(reader));
        }

        private static void WriteOptional(BinaryBufferWriter writer, long? value)
        {
            writer.WriteBoolean(value.HasValue);
            if (value.HasValue)
            {
                writer.WriteVarInt64(value.Value);
            }
        }

        private static long? ReadOptional(BinaryBufferReader reader) => reader.ReadBoolean() ? reader.ReadVarInt64() : null;
    }
}
