namespace Sluice.State.Timers;

/// <summary>
/// The live timers of a <see cref="KeyGroupedTimerQueue{TKey, TNs}"/>, (key, namespace, timestamp) to insertion sequence:
/// an open-addressing table (linear probing, deletion by backward shift, no tombstones) whose slots keep each timer's
/// hash, so a probe compares an <see cref="int"/> before it compares a key, and a caller that kept the hash (the queue's
/// buckets do) removes a timer without hashing it again. Replaces a <c>Dictionary</c> keyed by a value tuple, whose
/// shared generic code looked the key's and the namespace's comparers up on every hash and comparison.
/// </summary>
/// <remarks>Task thread only, like its queue.</remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TNs">The namespace type.</typeparam>
internal sealed class TimerIndex<TKey, TNs>
    where TKey : notnull
{
    private readonly IEqualityComparer<TKey> _keys = EqualityComparer<TKey>.Default;
    private readonly IEqualityComparer<TNs> _namespaces = EqualityComparer<TNs>.Default;
    private Slot[] _slots = new Slot[16];
    private int _mask = 15;
    private int _count;

    /// <summary>The number of timers.</summary>
    public int Count => _count;

    /// <summary>The hash of a timer (never 0: 0 marks an empty slot).</summary>
    public int Hash(TKey key, TNs ns, long timestamp)
    {
        // Value types through the devirtualized default comparer (no boxing); shared reference-type code through the
        // comparer kept in a field (no generic dictionary lookup per call).
        var keyHash = typeof(TKey).IsValueType ? EqualityComparer<TKey>.Default.GetHashCode(key) : _keys.GetHashCode(key);
        var nsHash = typeof(TNs).IsValueType ? EqualityComparer<TNs>.Default.GetHashCode(ns!)
            : ns is null ? 0 : _namespaces.GetHashCode(ns);
        var h = (uint)keyHash * 0x9E3779B1u;
        h = (h ^ (uint)nsHash) * 0x85EBCA77u;
        h = (h ^ (uint)timestamp ^ (uint)(timestamp >> 32)) * 0xC2B2AE3Du;
        h ^= h >> 15;
        return h == 0 ? 1 : (int)h;
    }

    /// <summary>Adds a timer with its <paramref name="hash"/>; false (and nothing changes) when it is there already.</summary>
    public bool TryAdd(int hash, TKey key, TNs ns, long timestamp, long sequence)
    {
        if ((_count + 1) * 4 > _slots.Length * 3)
        {
            Grow();
        }

        var slots = _slots;
        var i = hash & _mask;
        while (true)
        {
            ref var slot = ref slots[i];
            if (slot.Hash == 0)
            {
                slot = new Slot(key, ns, timestamp, sequence, hash);
                _count++;
                return true;
            }

            if (slot.Hash == hash && Matches(in slot, key, ns, timestamp))
            {
                return false;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>True when the timer is there.</summary>
    public bool Contains(int hash, TKey key, TNs ns, long timestamp) => Find(hash, key, ns, timestamp) >= 0;

    /// <summary>Removes a timer; false when it is not there. <paramref name="sequence"/> is its insertion sequence.</summary>
    public bool TryRemove(int hash, TKey key, TNs ns, long timestamp, out long sequence)
    {
        var at = Find(hash, key, ns, timestamp);
        if (at < 0)
        {
            sequence = 0;
            return false;
        }

        sequence = _slots[at].Sequence;
        RemoveAt(at);
        return true;
    }

    private int Find(int hash, TKey key, TNs ns, long timestamp)
    {
        var slots = _slots;
        var i = hash & _mask;
        while (true)
        {
            ref var slot = ref slots[i];
            if (slot.Hash == 0)
            {
                return -1;
            }

            if (slot.Hash == hash && Matches(in slot, key, ns, timestamp))
            {
                return i;
            }

            i = (i + 1) & _mask;
        }
    }

    private bool Matches(in Slot slot, TKey key, TNs ns, long timestamp) =>
        slot.Timestamp == timestamp
        && (typeof(TKey).IsValueType ? EqualityComparer<TKey>.Default.Equals(slot.Key, key) : ReferenceEquals(slot.Key, key) || _keys.Equals(slot.Key, key))
        && (typeof(TNs).IsValueType ? EqualityComparer<TNs>.Default.Equals(slot.Namespace, ns) : _namespaces.Equals(slot.Namespace, ns));

    /// <summary>Empties slot <paramref name="at"/> and shifts later slots of its probe run back, so no search stops early.</summary>
    private void RemoveAt(int at)
    {
        var slots = _slots;
        var hole = at;
        var i = at;
        while (true)
        {
            i = (i + 1) & _mask;
            ref var slot = ref slots[i];
            if (slot.Hash == 0)
            {
                break;
            }

            // The slot may move into the hole when its home position is not in (hole, i] (cyclically).
            var home = slot.Hash & _mask;
            var stays = hole <= i ? hole < home && home <= i : hole < home || home <= i;
            if (!stays)
            {
                slots[hole] = slot;
                hole = i;
            }
        }

        slots[hole] = default;
        _count--;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        _mask = _slots.Length - 1;
        foreach (ref readonly var slot in old.AsSpan())
        {
            if (slot.Hash == 0)
            {
                continue;
            }

            var i = slot.Hash & _mask;
            while (_slots[i].Hash != 0)
            {
                i = (i + 1) & _mask;
            }

            _slots[i] = slot;
        }
    }

    private readonly record struct Slot(TKey Key, TNs Namespace, long Timestamp, long Sequence, int Hash);
}
