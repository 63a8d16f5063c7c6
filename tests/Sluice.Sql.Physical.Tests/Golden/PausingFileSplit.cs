using Sluice.Connectors.Abstractions.Source;

namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>A file of a <see cref="PausingFileSource"/> and the number of its records already emitted.</summary>
/// <param name="Path">The file's absolute path.</param>
/// <param name="Position">The records (lines, comment lines included) emitted so far.</param>
internal sealed record PausingFileSplit(string Path, int Position) : ISourceSplit
{
    /// <inheritdoc />
    public string SplitId => Path;
}
