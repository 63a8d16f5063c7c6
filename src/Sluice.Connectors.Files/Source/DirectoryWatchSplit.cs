namespace Sluice.Connectors.Files.Source;

/// <summary>
/// The watch over a directory in continuous mode (<c>source.monitor-interval</c>): the reader holding it rescans the
/// directory and turns every file not seen before into a new <see cref="FileSplit"/> that it reads itself. The set
/// of seen files is part of the checkpoint, so a restored job neither reads a file twice nor misses one created
/// while it was down. It never emits rows itself (it reports itself finished to the watermark logic at once) and
/// never ends.
/// </summary>
/// <param name="Root">The directory's absolute path.</param>
/// <param name="SeenFiles">The absolute paths of every file already turned into a split.</param>
public sealed record DirectoryWatchSplit(string Root, IReadOnlySet<string> SeenFiles) : FileSourceSplit
{
    /// <summary>The prefix of the split id, before the root.</summary>
    public const string IdPrefix = "watch:";

    /// <inheritdoc />
    public override string SplitId => IdPrefix + Root;
}
