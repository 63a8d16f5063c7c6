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
/// <param name="Lower">The range's lower bound (inclusive; a value of the partition column), or null when open.</param>
/// <param name="Upper">The range's upper bound (exclusive), or null when open.</param>
/// <param name="LastKey">The key of the last emitted row, or null when nothing was emitted yet.</param>
internal sealed record PostgresScanSplit(int Index, int Count, object? Lower, object? Upper, object?[]? LastKey) : ISourceSplit
{
    /// <inheritdoc />
    public string SplitId => $"scan-{Index}";

    /// <summary>Serializes splits into checkpoints (version 2; version 1 had inclusive integer bounds only).</summary>
    public static ITypeSerializer<PostgresScanSplit> Serializer { get; } = new SplitSerializer();

    private sealed class SplitSerializer : ITypeSerializer<PostgresScanSplit>
    {
        private const byte Version = 2;

        public void Serialize(PostgresScanSplit value, BinaryBufferWriter writer)
        {
            writer.WriteByte(Version);
            writer.WriteVarInt64(value.Index);
            writer.WriteVarInt64(value.Count);
            KeyValueSerializer.Write(writer, [value.Lower, value.Upper]);
            KeyValueSerializer.Write(writer, value.LastKey);
        }

        public PostgresScanSplit Deserialize(BinaryBufferReader reader)
        {
            var version = reader.ReadByte();
            if (version is not (1 or Version))
            {
                throw new StateException($"Unsupported postgres scan split version {version} (this release reads versions 1 and {Version}).", ErrorDomain.User);
            }

            var index = (int)reader.ReadVarInt64();
            var count = (int)reader.ReadVarInt64();
            object? lower;
            object? upper;
            if (version == 1)
            {
                // Integer bounds, both inclusive.
                lower = ReadOptional(reader);
                upper = ReadOptional(reader) is { } inclusive ? inclusive + 1 : null;
            }
            else
            {
                var bounds = KeyValueSerializer.Read(reader);
                if (bounds is not { Length: 2 })
                {
                    throw new StateException("A postgres scan split holds no valid range.", ErrorDomain.Internal);
                }

                (lower, upper) = (bounds[0], bounds[1]);
            }

            return new PostgresScanSplit(index, count, lower, upper, KeyValueSerializer.Read(reader));
        }

        private static long? ReadOptional(BinaryBufferReader reader) => reader.ReadBoolean() ? reader.ReadVarInt64() : null;
    }
}
