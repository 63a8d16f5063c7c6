using System.Numerics;
using System.Runtime.CompilerServices;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// The multiset of a <c>DISTINCT</c> over 64-bit integers: value → (count, order of the occurrence that made it present),
/// an open-addressing hash table with linear probing over one array of entries, so a lookup touches one place in memory
/// (a <see cref="Dictionary{TKey, TValue}"/> reads a bucket array, then an entry array). Removal shifts the following
/// entries back (no tombstones). Counts are positive; an entry with count 0 is an empty slot.
/// </summary>
/// <remarks>Not thread-safe (an accumulator of one key, used by the task thread).</remarks>
internal sealed class LongCountMap
{
    private const int MinCapacity = 4;

    private Entry[] _entries;
    private int _mask;
    private int _shift;

    /// <summary>Creates an empty map with room for <paramref name="expected"/> values before it grows.</summary>
    public LongCountMap(int expected = 0)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinCapacity, expected * 2));
        _entries = new Entry[capacity];
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    /// <summary>The number of distinct values.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Adds one occurrence of <paramref name="value"/> (with <paramref name="order"/> when it is new); true when the value
    /// was not present before.
    /// </summary>
    public bool Increment(long value, long order, long delta = 1)
    {
        var index = IndexOf(value, out var found);
        if (found)
        {
            _entries[index].Count += delta;
            return false;
        }

        if ((Count + 1) * 4 > _entries.Length * 3)
        {
            Grow();
            index = IndexOf(value, out _);
        }

        _entries[index] = new Entry(value, delta, order);
        Count++;
        return true;
    }

    /// <summary>
    /// Removes one occurrence of <paramref name="value"/>: -1 when it was absent (nothing changes), 0 when that was its
    /// last occurrence (the value is removed), else its remaining count.
    /// </summary>
    public long Decrement(long value)
    {
        var index = IndexOf(value, out var found);
        if (!found)
        {
            return -1;
        }

        ref var entry = ref _entries[index];
        if (entry.Count > 1)
        {
            return --entry.Count;
        }

        RemoveAt(index);
        return 0;
    }

    /// <summary>The entries (value, count, order), in no particular order.</summary>
    public IEnumerable<(long Value, long Count, long Order)> Entries()
    {
        foreach (var entry in _entries)
        {
            if (entry.Count != 0)
            {
                yield return (entry.Value, entry.Count, entry.Order);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int IndexOf(long value, out bool found)
    {
        var entries = _entries;
        var index = (int)((ulong)(value * unchecked((long)0x9E37_79B9_7F4A_7C15)) >> _shift);
        while (true)
        {
            ref var entry = ref entries[index];
            if (entry.Count == 0)
            {
                found = false;
                return index;
            }

            if (entry.Value == value)
            {
                found = true;
                return index;
            }

            index = (index + 1) & _mask;
        }
    }

    private void RemoveAt(int index)
    {
        // Backward-shift deletion: move later entries of the probe run into the hole when their home allows it.
        var entries = _entries;
        var hole = index;
        var next = (hole + 1) & _mask;
        while (entries[next].Count != 0)
        {
            var home = (int)((ulong)(entries[next].Value * unchecked((long)0x9E37_79B9_7F4A_7C15)) >> _shift);
            // The entry at next may move to hole when hole lies cyclically in [home, next).
            if (((next - home) & _mask) >= ((next - hole) & _mask))
            {
                entries[hole] = entries[next];
                hole = next;
            }

            next = (next + 1) & _mask;
        }

        entries[hole] = default;
        Count--;
    }

    private void Grow()
    {
        var old = _entries;
        var capacity = old.Length * 2;
        _entries = new Entry[capacity];
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
        foreach (var entry in old)
        {
            if (entry.Count != 0)
            {
                _entries[IndexOf(entry.Value, out _)] = entry;
            }
        }
    }

    private record struct Entry(long Value, long Count, long Order);
}
