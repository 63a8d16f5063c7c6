using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Files.Source;

/// <summary>
/// Serializes <see cref="FileSourceSplit"/>s into checkpoints: a version byte, a kind byte, then the fields
/// (version 1). Thread-safe.
/// </summary>
public sealed class FileSourceSplitSerializer : ITypeSerializer<FileSourceSplit>
{
    private const byte Version = 1;
    private const byte FileKind = 1;
    private const byte WatchKind = 2;

    /// <inheritdoc />
    public void Serialize(FileSourceSplit value, BinaryBufferWriter writer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte(Version);
        switch (value)
        {
            case FileSplit file:
                writer.WriteByte(FileKind);
                writer.WriteString(file.Path);
                writer.WriteVarInt64(file.Offset);
                writer.WriteVarInt64(file.Line);
                break;
            case DirectoryWatchSplit watch:
                writer.WriteByte(WatchKind);
                writer.WriteString(watch.Root);
                writer.WriteVarUInt64((ulong)watch.SeenFiles.Count);
                foreach (var path in watch.SeenFiles.Order(StringComparer.Ordinal))
                {
                    writer.WriteString(path);
                }

                break;
            default:
                throw new ArgumentException($"Unknown split type {value.GetType().Name}.", nameof(value));
        }
    }

    /// <inheritdoc />
    public FileSourceSplit Deserialize(BinaryBufferReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new StateException($"Unsupported filesystem split version {version} (this release reads version {Version}).",
                ErrorDomain.User);
        }

        var kind = reader.ReadByte();
        switch (kind)
        {
            case FileKind:
                return new FileSplit(ReadPath(reader), reader.ReadVarInt64(), reader.ReadVarInt64());
            case WatchKind:
                var root = ReadPath(reader);
                var count = reader.ReadVarUInt64();
                if (count > (ulong)reader.Remaining)
                {
                    ThrowHelper.ThrowCorrupt($"A directory watch split claims {count} files, more than the data holds.");
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0UL; i < count; i++)
                {
                    seen.Add(ReadPath(reader));
                }

                return new DirectoryWatchSplit(root, seen);
            default:
                throw new StateException($"Unknown filesystem split kind {kind}.", ErrorDomain.External);
        }
    }

    private static string ReadPath(BinaryBufferReader reader) =>
        reader.ReadString() ?? throw new StateException("A filesystem split has no path.", ErrorDomain.External);
}
