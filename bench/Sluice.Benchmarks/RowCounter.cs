namespace Sluice.Benchmarks;

/// <summary>Totals shared by the subtasks of a <see cref="CountingSinkOperator{T}"/>; updated once per batch. Thread-safe.</summary>
public sealed class RowCounter
{
    private long _rows;
    private long _batches;
    private long _weight;

    public long Rows => Volatile.Read(ref _rows);

    public long Batches => Volatile.Read(ref _batches);

    /// <summary>The sum of the rows' weights (e.g. the sum of window counts, which must equal the number of events).</summary>
    public long Weight => Volatile.Read(ref _weight);

    public void Add(long rows, long weight)
    {
        Interlocked.Add(ref _rows, rows);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _weight, weight);
    }
}
