using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Postgres.Types;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Postgres.Cdc;

/// <summary>
/// The one split of a <see cref="PostgresCdcSource"/>, in one of three states: not started (the snapshot, or the slot,
/// is still to be made: not streaming, no chunks); in the middle of the initial snapshot (not streaming, with the
/// <see cref="Chunks"/> read so far, <see cref="Lsn"/> being the slot's consistent point); or streaming from
/// <see cref="Lsn"/>, the end of the last transaction whose changes were emitted. Immutable.
/// </summary>
/// <param name="Streaming">False until the initial snapshot (or the slot) is done.</param>
/// <param name="Lsn">Where streaming resumes (transactions that ended at or before it are skipped).</param>
internal sealed record PostgresCdcSplit(bool Streaming, ulong Lsn) : ISourceSplit
{
    /// <inheritdoc />
    public string SplitId => "postgres-cdc";

    /// <summary>
    /// The ranges of the snapshot read so far, in key order. While streaming, a change of a row in a chunk is skipped
    /// when its transaction ended at or before the chunk's position (the chunk's rows already show it); empty once no
    /// such change can come any more.
    /// </summary>
    public IReadOnlyList<SnapshotChunk> Chunks { get; init; } = [];

    /// <summary>
    /// The columns whose values bound <see cref="Chunks"/> (the chunk key), so that a restore with another chunk key is
    /// refused; empty when there are no chunks, or in a checkpoint of version 2, which did not record them.
    /// </summary>
    public IReadOnlyList<string> ChunkKeyColumns { get; init; } = [];

    /// <summary>True in the middle of the initial snapshot.</summary>
    public bool InSnapshot => !Streaming && Chunks.Count > 0;

    /// <summary>Serializes the split into checkpoints (version 3; version 2 had no chunk key columns, version 1 no chunks).</summary>
    public static ITypeSerializer<PostgresCdcSplit> Serializer { get; } = new SplitSerializer();

    private sealed class SplitSerializer : ITypeSerializer<PostgresCdcSplit>
    {
        private const byte Version = 3;

        public void Serialize(PostgresCdcSplit value, BinaryBufferWriter writer)
        {
            writer.WriteByte(Version);
            writer.WriteBoolean(value.Streaming);
            writer.WriteInt64((long)value.Lsn);
            writer.WriteVarInt64(value.Chunks.Count);
            foreach (var chunk in value.Chunks)
            {
                KeyValueSerializer.Write(writer, chunk.UpperKey);
                writer.WriteInt64((long)chunk.Lsn);
            }

            writer.WriteVarInt64(value.ChunkKeyColumns.Count);
            foreach (var column in value.ChunkKeyColumns)
            {
                writer.WriteString(column);
            }
        }

        public PostgresCdcSplit Deserialize(BinaryBufferReader reader)
        {
            var version = reader.ReadByte();
            if (version is not (1 or 2 or Version))
            {
                throw new StateException($"Unsupported postgres-cdc split version {version} (this release reads versions 1 to {Version}).", ErrorDomain.User);
            }

            var split = new PostgresCdcSplit(reader.ReadBoolean(), (ulong)reader.ReadInt64());
            if (version == 1)
            {
                return split;
            }

            var count = reader.ReadVarInt64();
            if (count < 0 || count > reader.Remaining)
            {
                throw new StateException($"A postgres-cdc split claims {count} snapshot chunks, more than the data holds.", ErrorDomain.Internal);
            }

            var chunks = new SnapshotChunk[count];
            for (var i = 0; i < chunks.Length; i++)
            {
                chunks[i] = new SnapshotChunk(KeyValueSerializer.Read(reader), (ulong)reader.ReadInt64());
            }

            if (version == 2)
            {
                return split with { Chunks = chunks };
            }

            var columnCount = reader.ReadVarInt64();
            if (columnCount < 0 || columnCount > reader.Remaining)
            {
                throw new StateException($"A postgres-cdc split claims {columnCount} chunk key columns, more than the data holds.", ErrorDomain.Internal);
            }

            var columns = new string[columnCount];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = reader.ReadString() ?? "";
            }

            return split with { Chunks = chunks, ChunkKeyColumns = columns };
        }
    }
}
