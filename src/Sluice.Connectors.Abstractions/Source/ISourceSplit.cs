namespace Sluice.Connectors.Abstractions.Source;

/// <summary>
/// A unit of source input (a file, a partition, a range of generated events) together with the position
/// reached in it. Splits are immutable values; the reader returns updated copies in its snapshots.
/// </summary>
public interface ISourceSplit
{
    /// <summary>A stable id, unique within the source.</summary>
    string SplitId { get; }
}
