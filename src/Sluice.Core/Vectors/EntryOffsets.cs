using Sluice.Core.Batches;

namespace Sluice.Core.Vectors;

/// <summary>
/// The growing offsets of a nested vector being built (one start per entry into its child vectors), shared by
/// the list and map builders. A mutable struct: keep it in a field, never copy it.
/// </summary>
internal struct EntryOffsets
{
    private const int InitialCapacity = 16;
    private int[] _starts;
    private int _count;

    /// <summary>The number of entries started.</summary>
    public readonly int Count => _count;

    /// <summary>Starts an entry whose children begin at <paramref name="childCount"/>.</summary>
    public void Start(int childCount)
    {
        _starts ??= [];
        if (_count + 2 > _starts.Length)
        {
            BufferPool.Grow(ref _starts, _count, Math.Max(_count + 2, InitialCapacity + 1));
        }

        _starts[_count++] = childCount;
    }

    /// <summary>Ends the last entry at <paramref name="childCount"/> and hands the Count + 1 offsets over; starts afresh.</summary>
    public int[] Take(int childCount)
    {
        var offsets = _starts is null || _starts.Length == 0 ? BufferPool.Rent<int>(1) : _starts;
        offsets[_count] = childCount;
        _starts = [];
        _count = 0;
        return offsets;
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Release()
    {
        if (_starts is not null)
        {
            BufferPool.Return(_starts);
        }

        _starts = [];
        _count = 0;
    }
}
