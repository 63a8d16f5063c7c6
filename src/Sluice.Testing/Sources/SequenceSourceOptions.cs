namespace Sluice.Testing.Sources;

/// <summary>Options of the deterministic <see cref="SequenceSource"/>.</summary>
public sealed record SequenceSourceOptions
{
    /// <summary>The number of splits.</summary>
    public int Splits { get; init; } = 4;

    /// <summary>The keys each split owns (split j owns keys j, j + Splits, j + 2*Splits, ...).</summary>
    public int KeysPerSplit { get; init; } = 16;

    /// <summary>Rows per split; null for an unbounded source.</summary>
    public long? RowsPerSplit { get; init; } = 1000;

    /// <summary>Rows per emitted batch.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Event time of row 0.</summary>
    public long StartTimestamp { get; init; } = 1_700_000_000_000;

    /// <summary>Event-time milliseconds between consecutive rows of a split.</summary>
    public long StepMillis { get; init; } = 10;

    /// <summary>Rows are up to this many milliseconds late (deterministic pseudo-random).</summary>
    public long MaxOutOfOrdernessMillis { get; init; } = 500;

    /// <summary>Throttle: at most this many rows per second per reader (processing time); null for no limit.</summary>
    public double? RowsPerSecond { get; init; }
}
