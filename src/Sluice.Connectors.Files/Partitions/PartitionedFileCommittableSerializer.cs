using Sluice.Connectors.Files.Sink;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Files.Partitions;

/// <summary>
/// Serializes <see cref="PartitionedFileCommittable"/>s into checkpoints: the partition, a kind byte, then for a file
/// (1) the file (paths relative to the table's folder, see <see cref="FileCommittableSerializer"/>); for a mark (3) the
/// creation time and the data checkpoint (kind 2, the creation time alone, is still read); for a progress (4) the
/// subtask, attempt, checkpoint, watermark and end of input.
/// </summary>
public sealed class PartitionedFileCommittableSerializer : ITypeSerializer<PartitionedFileCommittable>
{
    private const byte FileKind = 1;
    private const byte MarkKindV1 = 2;
    private const byte MarkKind = 3;
    private const byte ProgressKind = 4;
    private readonly FileCommittableSerializer _files;

    /// <summary>Creates a serializer for the sink writing under <paramref name="directory"/>.</summary>
    public PartitionedFileCommittableSerializer(string directory)
    {
        _files = new FileCommittableSerializer(directory);
    }

    /// <inheritdoc />
    public void Serialize(PartitionedFileCommittable value, BinaryBufferWriter writer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString(value.Partition);
        if (value.File is { } file)
        {
            writer.WriteByte(FileKind);
            _files.Serialize(file, writer);
        }
        else if (value.Progress is { } progress)
        {
            writer.WriteByte(ProgressKind);
            writer.WriteVarInt64(progress.Subtask);
            writer.WriteString(progress.AttemptId);
            writer.WriteVarInt64(progress.CheckpointId);
            writer.WriteVarInt64(progress.Watermark);
            writer.WriteByte(progress.Ended ? (byte)1 : (byte)0);
        }
        else
        {
            writer.WriteByte(MarkKind);
            writer.WriteVarInt64(value.CreatedMillis);
            writer.WriteVarInt64(value.DataCheckpoint);
        }
    }

    /// <inheritdoc />
    public PartitionedFileCommittable Deserialize(BinaryBufferReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var partition = reader.ReadString() ?? throw new StateException("A partition committable has no partition.", ErrorDomain.External);
        return reader.ReadByte() switch
        {
            FileKind => new PartitionedFileCommittable(partition, _files.Deserialize(reader), 0),
            MarkKindV1 => new PartitionedFileCommittable(partition, null, reader.ReadVarInt64()),
            MarkKind => new PartitionedFileCommittable(partition, null, reader.ReadVarInt64(), reader.ReadVarInt64()),
            ProgressKind => new PartitionedFileCommittable(partition, null, 0, long.MinValue, new WriterProgress(
                (int)reader.ReadVarInt64(),
                reader.ReadString() ?? throw new StateException("A partition writer's progress has no attempt.", ErrorDomain.External),
                reader.ReadVarInt64(), reader.ReadVarInt64(), reader.ReadByte() != 0)),
            var kind => throw new StateException($"Unknown partition committable kind {kind}.", ErrorDomain.External),
        };
    }
}
