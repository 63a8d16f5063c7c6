using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// The multisets of several <c>DISTINCT</c> calls over the same 64-bit integer argument (the same column under different
/// <c>FILTER</c>s, as <c>COUNT(DISTINCT bidder) FILTER (WHERE ...)</c>), kept in one table: value → per slot (one per
/// call) the count. One lookup finds a value for every call, and a value seen by several calls is stored once (Flink's
/// shared distinct view with one count per filter). Arrival orders are not kept: only calls whose result does not depend
/// on the order of their values share a table (<see cref="SharedDistinctFunction"/>). Open addressing with linear probing; removal shifts the following entries back (no tombstones). A value is
/// stored while any slot counts it.
/// </summary>
/// <remarks>Not thread-safe (the accumulators of one key, used by the task thread).</remarks>
internal sealed class SharedLongCountMap
{
    private const int MinCapacity = 4;
    private const long Multiplier = unchecked((long)0x9E37_79B9_7F4A_7C15);

    private readonly int _slots;
    private readonly int[] _slotCounts;
    private long[] _values;
    private int[] _present;
    private long[] _counts;
    private int _mask;
    private int _shift;
    private int _used;
    private long _lastValue;
    private int _lastIndex = -1;

    /// <summary>Creates an empty table for <paramref name="slots"/> calls (at most 32).</summary>
    public SharedLongCountMap(int slots, int expected = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slots, 32);
        _slots = slots;
        _slotCounts = new int[slots];
        Allocate((int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinCapacity, expected * 2)));
    }

    /// <summary>The number of calls sharing the table.</summary>
    public int Slots => _slots;

    /// <summary>The number of distinct values counted by <paramref name="slot"/>.</summary>
    public int CountIn(int slot) => _slotCounts[slot];

    /// <summary>
    /// Adds <paramref name="delta"/> occurrences of <paramref name="value"/> to <paramref name="slot"/>; true when the slot
    /// did not count the value before.
    /// </summary>
    public bool Increment(long value, int slot, long delta = 1)
    {
        var index = Find(value, out var found);
        if (!found)
        {
            if ((_used + 1) * 4 > _values.Length * 3)
            {
                Grow();
                index = Find(value, out _);
            }

            _values[index] = value;
            _used++;
            _lastValue = value;
            _lastIndex = index;
        }

        var bit = 1 << slot;
        var at = (index * _slots) + slot;
        if ((_present[index] & bit) != 0)
        {
            _counts[at] += delta;
            return false;
        }

        _present[index] |= bit;
        _counts[at] = delta;
        _slotCounts[slot]++;
        return true;
    }

    /// <summary>
    /// Removes one occurrence of <paramref name="value"/> from <paramref name="slot"/>: -1 when the slot did not count it
    /// (nothing changes), 0 when that was its last occurrence there, else its remaining count.
    /// </summary>
    public long Decrement(long value, int slot)
    {
        var index = Find(value, out var found);
        var bit = 1 << slot;
        if (!found || (_present[index] & bit) == 0)
        {
            return -1;
        }

        var at = (index * _slots) + slot;
        if (_counts[at] > 1)
        {
            return --_counts[at];
        }

        _counts[at] = 0;
        _slotCounts[slot]--;
        if ((_present[index] &= ~bit) == 0)
        {
            RemoveAt(index);
        }

        return 0;
    }

    /// <summary>The values <paramref name="slot"/> counts, with their count, in no particular order.</summary>
    public IEnumerable<(long Value, long Count)> Entries(int slot)
    {
        var bit = 1 << slot;
        for (var i = 0; i < _values.Length; i++)
        {
            if ((_present[i] & bit) != 0)
            {
                var at = (i * _slots) + slot;
                yield return (_values[i], _counts[at]);
            }
        }
    }

    /// <summary>Removes every value from every slot.</summary>
    public void Clear()
    {
        Array.Clear(_present);
        Array.Clear(_counts);
        Array.Clear(_slotCounts);
        _used = 0;
        _lastIndex = -1;
    }

    private int Find(long value, out bool found)
    {
        // The calls sharing the table look the same value up one after the other: remember the last one.
        if (_lastIndex >= 0 && _lastValue == value)
        {
            found = true;
            return _lastIndex;
        }

        var index = Home(value);
        while (true)
        {
            if (_present[index] == 0)
            {
                found = false;
                return index;
            }

            if (_values[index] == value)
            {
                found = true;
                _lastValue = value;
                _lastIndex = index;
                return index;
            }

            index = (index + 1) & _mask;
        }
    }

    private int Home(long value) => (int)((ulong)(value * Multiplier) >> _shift);

    private void RemoveAt(int index)
    {
        // Backward-shift deletion: move later entries of the probe run into the hole when their home allows it.
        _lastIndex = -1;
        var hole = index;
        var next = (hole + 1) & _mask;
        while (_present[next] != 0)
        {
            var home = Home(_values[next]);
            if (((next - home) & _mask) >= ((next - hole) & _mask))
            {
                Move(next, hole);
                hole = next;
            }

            next = (next + 1) & _mask;
        }

        _present[hole] = 0;
        _values[hole] = 0;
        Array.Clear(_counts, hole * _slots, _slots);
        _used--;
    }

    private void Move(int from, int to)
    {
        _values[to] = _values[from];
        _present[to] = _present[from];
        Array.Copy(_counts, from * _slots, _counts, to * _slots, _slots);
    }

    [MemberNotNull(nameof(_values), nameof(_present), nameof(_counts))]
    private void Allocate(int capacity)
    {
        _values = new long[capacity];
        _present = new int[capacity];
        _counts = new long[capacity * _slots];
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
        _lastIndex = -1;
    }

    private void Grow()
    {
        var values = _values;
        var present = _present;
        var counts = _counts;
        Allocate(values.Length * 2);
        for (var i = 0; i < values.Length; i++)
        {
            if (present[i] == 0)
            {
                continue;
            }

            var index = Home(values[i]);
            while (_present[index] != 0)
            {
                index = (index + 1) & _mask;
            }

            _values[index] = values[i];
            _present[index] = present[i];
            Array.Copy(counts, i * _slots, _counts, index * _slots, _slots);
        }
    }
}
