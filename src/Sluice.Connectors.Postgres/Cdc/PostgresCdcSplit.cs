using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Postgres.Cdc;

/// <summary>
/// The one split of a <see cref="PostgresCdcSource"/>: either not started (the snapshot, or the slot, is still to be
/// made) or streaming from <see cref="Lsn"/>, the end of the last transaction whose changes were emitted. Immutable.
/// </summary>
/// <param name="Streaming">False until the initial snapshot (or the slot) is done.</param>
/// <param name="Lsn">Where streaming resumes (transactions that ended at or before it are skipped).</param>
internal sealed record PostgresCdcSplit(bool Streaming, ulong Lsn) : ISourceSplit
{
    /// <inheritdoc />
    public string SplitId => "postgres-cdc";

    /// <summary>Serializes the split into checkpoints (version 1).</summary>
    public static ITypeSerializer<PostgresCdcSplit> Serializer { get; } = new SplitSerializer();

    private sealed class SplitSerializer : ITypeSerializer<PostgresCdcSplit>
    {
        private const byte Version = 1;

        public void Serialize(PostgresCdcSplit value, BinaryBufferWriter writer)
        {
            writer.WriteByte(Version);
            writer.WriteBoolean(value.Streaming);
            writer.WriteInt64((long)value.Lsn);
        }

        public PostgresCdcSplit Deserialize(BinaryBufferReader reader)
        {
            var version = reader.ReadByte();
            if (version != Version)
            {
                throw new StateException($"Unsupported postgres-cdc split version {version} (this release reads version {Version}).", ErrorDomain.User);
            }

            return new PostgresCdcSplit(reader.ReadBoolean(), (ulong)reader.ReadInt64());
        }
    }
}
