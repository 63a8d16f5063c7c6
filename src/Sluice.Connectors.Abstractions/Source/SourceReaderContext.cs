namespace Sluice.Connectors.Abstractions.Source;

/// <summary>What a source reader knows about where it runs.</summary>
/// <param name="SubtaskIndex">The index of the subtask that runs the reader.</param>
/// <param name="Parallelism">The number of parallel readers.</param>
/// <param name="TimeProvider">Processing time; never read the system clock directly.</param>
public sealed record SourceReaderContext(int SubtaskIndex, int Parallelism, TimeProvider TimeProvider);
