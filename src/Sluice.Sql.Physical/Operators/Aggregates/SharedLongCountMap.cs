using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// The multisets of several <c>DISTINCT</c> calls over the same 64-bit integer argument (the same column under different
/// <c>FILTER</c>s, as <c>COUNT(DISTINCT bidder) FILTER (WHERE ...)</c>), kept in one table: value → per slot (one per
/// call) the count. One lookup finds a value for every call, and a value seen by several calls is stored once (Flink's
/// shared distinct view with one count per filter). Arrival orders are not kept: only calls whose result does not depend
/// on the order of their values share a table (<see cref="SharedDistinctFunction"/>). Open addressing with linear probing; removal shifts the following entries back (no tombstones). A value is
/// stored while any slot counts it. An entry is one run of longs in one array (the value, the bits of the slots that
/// count it, then one count per slot), so a lookup in a large table touches one place in memory, not three arrays.
/// </summary>
/// <remarks>Not thread-safe (the accumulators of one key, used by the task thread).</remarks>
internal sealed class SharedLongCountMap
{
    private const int MinCapacity = 4;
    private const long Multiplier = unchecked((long)0x9E37_79B9_7F4A_7C15);

    private readonly int _slots;
    private readonly int _stride;
    private readonly int[] _slotCounts;

    /// <summary>Per entry, <see cref="_stride"/> longs: the value, the present bits (0: the entry is free), the slots' counts.</summary>
    private long[] _data;
    private int _capacity;
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
        _stride = slots + 2;
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
        var at = FindOrAdd(value);
        var bit = 1L << slot;
        var present = _data[at + 1];
        if ((present & bit) != 0)
        {
            _data[at + 2 + slot] += delta;
            return false;
        }

        _data[at + 1] = present | bit;
        _data[at + 2 + slot] = delta;
        _slotCounts[slot]++;
        return true;
    }

    /// <summary>
    /// Adds one occurrence of <paramref name="value"/> to every slot whose bit is set in <paramref name="slots"/> (not 0),
    /// with one lookup; returns the bits of the slots that did not count the value before.
    /// </summary>
    public int IncrementSlots(long value, int slots)
    {
        var at = FindOrAdd(value);
        var data = _data;
        var present = (int)data[at + 1];
        var added = slots & ~present;
        var counted = slots & present;
        while (counted != 0)
        {
            data[at + 2 + BitOperations.TrailingZeroCount(counted)]++;
            counted &= counted - 1;
        }

        if (added != 0)
        {
            data[at + 1] = (uint)(present | added);
            var bits = added;
            while (bits != 0)
            {
                var slot = BitOperations.TrailingZeroCount(bits);
                data[at + 2 + slot] = 1;
                _slotCounts[slot]++;
                bits &= bits - 1;
            }
        }

        return added;
    }

    /// <summary>
    /// Removes one occurrence of <paramref name="value"/> from <paramref name="slot"/>: -1 when the slot did not count it
    /// (nothing changes), 0 when that was its last occurrence there, else its remaining count.
    /// </summary>
    public long Decrement(long value, int slot)
    {
        var index = Find(value, out var found);
        var bit = 1L << slot;
        var at = index * _stride;
        if (!found || (_data[at + 1] & bit) == 0)
        {
            return -1;
        }

        if (_data[at + 2 + slot] > 1)
        {
            return --_data[at + 2 + slot];
        }

        _data[at + 2 + slot] = 0;
        _slotCounts[slot]--;
        if ((_data[at + 1] &= ~bit) == 0)
        {
            RemoveAt(index);
        }

        return 0;
    }

    /// <summary>The values <paramref name="slot"/> counts, with their count, in no particular order.</summary>
    public SlotEntries Entries(int slot) => new(this, slot);

    /// <summary>Removes every value from every slot.</summary>
    public void Clear()
    {
        Array.Clear(_data);
        Array.Clear(_slotCounts);
        _used = 0;
        _lastIndex = -1;
    }

    /// <summary>The start of <paramref name="value"/>'s entry in <see cref="_data"/>, added (with no slot) when missing.</summary>
    private int FindOrAdd(long value)
    {
        var index = Find(value, out var found);
        if (!found)
        {
            if ((_used + 1) * 4 > _capacity * 3)
            {
                Grow();
                index = Find(value, out _);
            }

            _data[index * _stride] = value;
            _used++;
            _lastValue = value;
            _lastIndex = index;
        }

        return index * _stride;
    }

    private int Find(long value, out bool found)
    {
        // The calls sharing the table look the same value up one after the other: remember the last one.
        if (_lastIndex >= 0 && _lastValue == value)
        {
            found = true;
            return _lastIndex;
        }

        var data = _data;
        var index = Home(value);
        while (true)
        {
            var at = index * _stride;
            if (data[at + 1] == 0)
            {
                found = false;
                return index;
            }

            if (data[at] == value)
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
        while (_data[(next * _stride) + 1] != 0)
        {
            var home = Home(_data[next * _stride]);
            if (((next - home) & _mask) >= ((next - hole) & _mask))
            {
                Array.Copy(_data, next * _stride, _data, hole * _stride, _stride);
                hole = next;
            }

            next = (next + 1) & _mask;
        }

        Array.Clear(_data, hole * _stride, _stride);
        _used--;
    }

    [MemberNotNull(nameof(_data))]
    private void Allocate(int capacity)
    {
        _data = new long[capacity * _stride];
        _capacity = capacity;
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
        _lastIndex = -1;
    }

    private void Grow()
    {
        var data = _data;
        var capacity = _capacity;
        Allocate(capacity * 2);
        for (var i = 0; i < capacity; i++)
        {
            var from = i * _stride;
            if (data[from + 1] == 0)
            {
                continue;
            }

            var index = Home(data[from]);
            while (_data[(index * _stride) + 1] != 0)
            {
                index = (index + 1) & _mask;
            }

            Array.Copy(data, from, _data, index * _stride, _stride);
        }
    }

    /// <summary>The entries of one slot, enumerated without an allocation.</summary>
    public readonly struct SlotEntries(SharedLongCountMap map, int slot)
    {
        /// <summary>Starts the enumeration.</summary>
        public Enumerator GetEnumerator() => new(map, slot);
    }

    /// <summary>Walks the entries of one slot.</summary>
    public struct Enumerator(SharedLongCountMap map, int slot)
    {
        private readonly long[] _data = map._data;
        private readonly int _stride = map._stride;
        private readonly long _bit = 1L << slot;
        private readonly int _countOffset = 2 + slot;
        private int _at = -map._stride;

        /// <summary>The current value and its count.</summary>
        public readonly (long Value, long Count) Current => (_data[_at], _data[_at + _countOffset]);

        /// <summary>Moves to the next entry of the slot.</summary>
        public bool MoveNext()
        {
            while ((_at += _stride) < _data.Length)
            {
                if ((_data[_at + 1] & _bit) != 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
