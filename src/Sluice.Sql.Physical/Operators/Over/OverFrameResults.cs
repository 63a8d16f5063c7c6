using Sluice.Sql.Physical.Operators.Aggregates;

namespace Sluice.Sql.Physical.Operators.Over;

/// <summary>
/// The results of consecutive rows of a partition (each row's aggregates over its frame, and its LAG/LEAD values), kept
/// in arrays that are reused from one change to the next, so that recomputing the affected frames allocates nothing
/// per row.
/// </summary>
/// <remarks><b>Threading.</b> One instance per operator and use, task thread only; the contents are valid until the next
/// <see cref="Clear"/>.</remarks>
internal sealed class OverFrameResults
{
    private AggregateValue?[][] _aggregates = [];
    private object?[][] _offsets = [];

    /// <summary>The number of rows whose results are held.</summary>
    public int Count { get; private set; }

    /// <summary>The results of the <paramref name="index"/>-th row.</summary>
    public (AggregateValue?[] Aggregates, object?[] Offsets) this[int index] =>
        (uint)index < (uint)Count ? (_aggregates[index], _offsets[index]) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Forgets the rows (their arrays are kept for reuse).</summary>
    public void Clear() => Count = 0;

    /// <summary>Adds a row and gives the array of <paramref name="calls"/> slots to write its aggregates into; its offsets are none until set.</summary>
    public AggregateValue?[] Next(int calls)
    {
        if (Count == _aggregates.Length)
        {
            var size = Math.Max(16, Count * 2);
            Array.Resize(ref _aggregates, size);
            Array.Resize(ref _offsets, size);
        }

        var aggregates = _aggregates[Count];
        if (aggregates is null || aggregates.Length != calls)
        {
            aggregates = _aggregates[Count] = new AggregateValue?[calls];
        }

        _offsets[Count] = [];
        Count++;
        return aggregates;
    }

    /// <summary>Sets the LAG and LEAD values of the last row added.</summary>
    public void SetOffsets(object?[] offsets) => _offsets[Count - 1] = offsets;
}
