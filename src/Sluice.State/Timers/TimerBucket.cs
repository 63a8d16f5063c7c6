namespace Sluice.State.Timers;

/// <summary>
/// The timers of one <see cref="KeyGroupedTimerQueue{TKey, TNs}"/> that share a timestamp, in firing order (key group,
/// then sequence) from <see cref="Head"/> on. Entries are structs in one array: appending is O(1) and needs no object
/// per timer; the order is restored by one sort when the bucket's timers are first read after out-of-order appends (not
/// when only its timestamp is looked at, so a bucket that keeps growing until it fires is sorted once).
/// </summary>
/// <remarks>
/// Removed timers stay in the array and are skipped by the queue (it knows their sequences). Task thread only.
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TNs">The namespace type.</typeparam>
internal sealed class TimerBucket<TKey, TNs>
{
    private Entry[] _entries = new Entry[4];
    private int _head;
    private int _count;
    private bool _sorted = true;

    /// <summary>The timestamp of every timer in the bucket.</summary>
    public long Timestamp { get; private set; }

    /// <summary>The number of timers in the bucket that neither fired nor were removed (kept by the queue).</summary>
    public int Live { get; set; }

    /// <summary>The entries not read yet, in no particular order (removed ones included).</summary>
    public ReadOnlySpan<Entry> Remaining => _entries.AsSpan(_head, _count - _head);

    /// <summary>The next entry to fire; the bucket must not be exhausted.</summary>
    public ref readonly Entry Head
    {
        get
        {
            EnsureSorted();
            return ref _entries[_head];
        }
    }

    /// <summary>Empties the bucket for timers at <paramref name="timestamp"/>, keeping its array.</summary>
    public void Reset(long timestamp)
    {
        Array.Clear(_entries, 0, _count);
        _head = 0;
        _count = 0;
        _sorted = true;
        Live = 0;
        Timestamp = timestamp;
    }

    /// <summary>Adds a timer; its sequence must be larger than every sequence in the bucket.</summary>
    public void Add(TKey key, TNs ns, int keyGroup, long sequence, int hash)
    {
        if (_count == _entries.Length)
        {
            Grow();
        }

        var entry = new Entry(key, ns, keyGroup, sequence, hash);
        if (_count == _head || _entries[_count - 1].KeyGroup <= keyGroup)
        {
            _entries[_count++] = entry;
            return;
        }

        if (_head == 0)
        {
            // Nothing was read yet: sort once when the bucket is first read.
            _sorted = false;
            _entries[_count++] = entry;
            return;
        }

        // The bucket is being read (a timer callback registered a timer at the firing timestamp): keep the order.
        EnsureSorted();
        var at = UpperBound(keyGroup);
        Array.Copy(_entries, at, _entries, at + 1, _count - at);
        _entries[at] = entry;
        _count++;
    }

    /// <summary>Moves past the head entry.</summary>
    public void Advance()
    {
        _entries[_head] = default;
        _head++;
    }

    private void EnsureSorted()
    {
        if (!_sorted)
        {
            Sort();
            _sorted = true;
        }
    }

    /// <summary>
    /// Sorts the unread entries by key group, then sequence. They were appended in sequence order (an unsorted bucket
    /// was never read), so a stable sort by key group suffices: a counting sort when the key groups span a range not much
    /// larger than the entries (key groups are below the maximum parallelism), else a comparison sort.
    /// </summary>
    private void Sort()
    {
        var count = _count - _head;
        var entries = _entries.AsSpan(_head, count);
        var min = int.MaxValue;
        var max = int.MinValue;
        foreach (ref readonly var entry in entries)
        {
            min = Math.Min(min, entry.KeyGroup);
            max = Math.Max(max, entry.KeyGroup);
        }

        var range = (long)max - min + 1;
        if (count < 32 || range > Math.Max(4L * count, 1024))
        {
            Array.Sort(_entries, _head, count, EntryComparer.Instance);
            return;
        }

        var starts = System.Buffers.ArrayPool<int>.Shared.Rent((int)range + 1);
        var sorted = System.Buffers.ArrayPool<Entry>.Shared.Rent(count);
        try
        {
            Array.Clear(starts, 0, (int)range + 1);
            foreach (ref readonly var entry in entries)
            {
                starts[entry.KeyGroup - min + 1]++;
            }

            for (var g = 1; g <= range; g++)
            {
                starts[g] += starts[g - 1];
            }

            foreach (ref readonly var entry in entries)
            {
                sorted[starts[entry.KeyGroup - min]++] = entry;
            }

            sorted.AsSpan(0, count).CopyTo(entries);
        }
        finally
        {
            Array.Clear(sorted, 0, count);
            System.Buffers.ArrayPool<Entry>.Shared.Return(sorted);
            System.Buffers.ArrayPool<int>.Shared.Return(starts);
        }
    }

    private int UpperBound(int keyGroup)
    {
        var lo = _head;
        var hi = _count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_entries[mid].KeyGroup <= keyGroup)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private void Grow()
    {
        if (_head > _count / 2)
        {
            // Most of the array was read: move the rest to the front instead of growing.
            Array.Copy(_entries, _head, _entries, 0, _count - _head);
            Array.Clear(_entries, _count - _head, _head);
            _count -= _head;
            _head = 0;
            return;
        }

        Array.Resize(ref _entries, _entries.Length * 2);
    }

    /// <summary>One timer of the bucket.</summary>
    /// <param name="Key">The timer's key.</param>
    /// <param name="Namespace">The timer's namespace.</param>
    /// <param name="KeyGroup">The key's key group.</param>
    /// <param name="Sequence">The insertion order number, unique within the queue.</param>
    /// <param name="Hash">The timer's hash in the queue's <see cref="TimerIndex{TKey, TNs}"/>.</param>
    internal readonly record struct Entry(TKey Key, TNs Namespace, int KeyGroup, long Sequence, int Hash);

    private sealed class EntryComparer : IComparer<Entry>
    {
        public static readonly EntryComparer Instance = new();

        public int Compare(Entry x, Entry y)
        {
            var c = x.KeyGroup.CompareTo(y.KeyGroup);
            return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
