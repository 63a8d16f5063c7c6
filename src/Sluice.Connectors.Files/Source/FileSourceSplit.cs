using Sluice.Connectors.Abstractions.Source;

namespace Sluice.Connectors.Files.Source;

/// <summary>
/// A split of the <see cref="FileSystemSource"/>: either a file with the position reached in it
/// (<see cref="FileSplit"/>) or, in continuous mode, the watch over the source directory with the files already seen
/// (<see cref="DirectoryWatchSplit"/>). Immutable values; readers return updated copies in snapshots.
/// </summary>
public abstract record FileSourceSplit : ISourceSplit
{
    private protected FileSourceSplit()
    {
    }

    /// <inheritdoc />
    public abstract string SplitId { get; }

    /// <summary>Serializes splits into checkpoints (versioned).</summary>
    public static FileSourceSplitSerializer Serializer { get; } = new();
}
