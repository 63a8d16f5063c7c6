namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// Mini-batch aggregation, as Flink's <c>table.exec.mini-batch.*</c>: an aggregation buffers its input rows (a bundle)
/// and folds them into its accumulators once per bundle, when <paramref name="Size"/> rows are buffered, when
/// <paramref name="AllowLatency"/> has passed since the bundle's first row (processing time), before every checkpoint
/// barrier, and at end of input.
/// </summary>
/// <param name="AllowLatency">How long a buffered row may wait (<c>table.exec.mini-batch.allow-latency</c>); positive.</param>
/// <param name="Size">How many rows a bundle holds at most before it is folded (<c>table.exec.mini-batch.size</c>); positive.
/// A bundle is checked after each input batch, so one large batch may take it past the size once.</param>
public sealed record MiniBatchOptions(TimeSpan AllowLatency, long Size)
{
    /// <summary>Checks both values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The latency or the size is not positive.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AllowLatency, TimeSpan.Zero, nameof(AllowLatency));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Size, nameof(Size));
    }
}
