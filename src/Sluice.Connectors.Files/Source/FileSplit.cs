namespace Sluice.Connectors.Files.Source;

/// <summary>A file to read, and where to resume: the byte offset of the next record and its 1-based line number.</summary>
/// <param name="Path">The file's absolute path; also the split id.</param>
/// <param name="Offset">The byte offset of the next record (a record boundary).</param>
/// <param name="Line">The line number of the next record, for error messages.</param>
public sealed record FileSplit(string Path, long Offset = 0, long Line = 1) : FileSourceSplit
{
    /// <inheritdoc />
    public override string SplitId => Path;
}
