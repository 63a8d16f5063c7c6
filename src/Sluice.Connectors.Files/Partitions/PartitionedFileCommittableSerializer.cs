using Sluice.Connectors.Files.Sink;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Files.Partitions;

/// <summary>
/// Serializes <see cref="PartitionedFileCommittable"/>s into checkpoints: the partition, a kind byte (1 file, 2 mark),
/// then the file (paths relative to the table's folder, see <see cref="FileCommittableSerializer"/>) or the creation time.
/// </summary>
public sealed class PartitionedFileCommittableSerializer : ITypeSerializer<PartitionedFileCommittable>
{
    private const byte FileKind = 1;
    private const byte MarkKind = 2;
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
        else
        {
            writer.WriteByte(MarkKind);
            writer.WriteVarInt64(value.CreatedMillis);
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
            MarkKind => new PartitionedFileCommittable(partition, null, reader.ReadVarInt64()),
            var kind => throw new StateException($"Unknown partition committable kind {kind}.", ErrorDomain.External),
        };
    }
}
