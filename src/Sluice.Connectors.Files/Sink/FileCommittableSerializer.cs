using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Files.Sink;

/// <summary>
/// Serializes <see cref="FileCommittable"/>s into checkpoints. Paths inside the sink's directory are stored relative to
/// it (with '/' separators) and resolved against the directory on read, so that the output folder and a savepoint can
/// be moved together and restored with the sink pointed at the new folder; paths outside it are stored absolute.
/// </summary>
public sealed class FileCommittableSerializer : ITypeSerializer<FileCommittable>
{
    private readonly string _directory;

    /// <summary>Creates a serializer for the sink writing into <paramref name="directory"/>.</summary>
    public FileCommittableSerializer(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
    }

    /// <inheritdoc />
    public void Serialize(FileCommittable value, BinaryBufferWriter writer)
    {
        writer.WriteString(ToStored(value.PendingPath));
        writer.WriteString(ToStored(value.FinalPath));
    }

    /// <inheritdoc />
    public FileCommittable Deserialize(BinaryBufferReader reader)
    {
        var pending = reader.ReadString();
        var final = reader.ReadString();
        if (pending is null || final is null)
        {
            ThrowHelper.ThrowCorrupt("A file committable has no path: the checkpoint data is corrupt.");
        }

        return new FileCommittable(FromStored(pending), FromStored(final));
    }

    private string ToStored(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(_directory, full);
        if (Path.IsPathRooted(relative) || relative == ".."
            || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return full;
        }

        return Path.DirectorySeparatorChar == '/' ? relative : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    private string FromStored(string stored) => Path.GetFullPath(Path.Combine(_directory, stored));
}
