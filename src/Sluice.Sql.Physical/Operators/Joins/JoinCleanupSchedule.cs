using System.Runtime.InteropServices;

namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// When the keys of a join side under <see cref="JoinStateCleanup"/> are next due for a sweep: each key with stored rows
/// is in one time bucket (its oldest row's expiry rounded up to the cleanup's granularity), and a watermark step takes
/// the buckets it passed, in time order. One per operator instance, instead of one event-time timer per key.
/// </summary>
/// <remarks>
/// <para><b>No state of its own.</b> The schedule is derived from the side's rows (a key's bucket follows from its first
/// stored row), so it is not snapshotted: after a restore, at any parallelism, the operator rebuilds it from the keys
/// the backend restored (their key groups), and a key lands in the bucket its timer would have had.</para>
/// <para><b>Cost.</b> Adding a key is one append to a list (the bucket of the previous add is remembered, and rows
/// mostly arrive in time order); a new bucket is one dictionary insert and one heap push. Emptied bucket lists are
/// reused.</para>
/// <para><b>Threading.</b> Task thread only, like the operator.</para>
/// </remarks>
internal sealed class JoinCleanupSchedule
{
    private readonly long _granularity;
    private readonly Dictionary<long, List<RowKey>> _buckets = [];
    private readonly PriorityQueue<long, long> _times = new();
    private readonly Stack<List<RowKey>> _spare = new();
    private List<RowKey>? _last;
    private long _lastTime;

    /// <summary>Creates an empty schedule whose buckets are <paramref name="granularity"/> milliseconds wide.</summary>
    public JoinCleanupSchedule(long granularity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(granularity);
        _granularity = granularity;
    }

    /// <summary>The number of keys scheduled (a key scheduled twice counts twice); for tests.</summary>
    public long Count
    {
        get
        {
            long count = 0;
            foreach (var keys in _buckets.Values)
            {
                count += keys.Count;
            }

            return count;
        }
    }

    /// <summary>
    /// Schedules <paramref name="key"/> for the sweep of the first watermark at or after <paramref name="expiry"/> rounded up
    /// to the granularity (<see cref="long.MinValue"/>: the next watermark step).
    /// </summary>
    public void Add(RowKey key, long expiry)
    {
        var time = BucketOf(expiry);
        if (_last is not null && _lastTime == time)
        {
            _last.Add(key);
            return;
        }

        ref var keys = ref CollectionsMarshal.GetValueRefOrAddDefault(_buckets, time, out var exists);
        if (!exists)
        {
            keys = _spare.TryPop(out var spare) ? spare : [];
            _times.Enqueue(time, time);
        }

        keys!.Add(key);
        _last = keys;
        _lastTime = time;
    }

    /// <summary>
    /// Takes the earliest bucket whose time is at or before <paramref name="watermark"/>, or returns false when none is due.
    /// Give the list back with <see cref="Recycle"/> once its keys were swept; keys scheduled meanwhile go into other lists.
    /// </summary>
    public bool TryTakeDue(long watermark, out List<RowKey> keys)
    {
        if (_times.TryPeek(out var time, out _) && time <= watermark)
        {
            _times.Dequeue();
            _buckets.Remove(time, out keys!);
            if (ReferenceEquals(_last, keys))
            {
                _last = null;
            }

            return true;
        }

        keys = null!;
        return false;
    }

    /// <summary>Gives back a list <see cref="TryTakeDue"/> handed out, emptied, for later buckets.</summary>
    public void Recycle(List<RowKey> keys)
    {
        keys.Clear();
        _spare.Push(keys);
    }

    /// <summary>Forgets every scheduled key.</summary>
    public void Clear()
    {
        foreach (var keys in _buckets.Values)
        {
            Recycle(keys);
        }

        _buckets.Clear();
        _times.Clear();
        _last = null;
    }

    /// <summary>The bucket of an expiry: rounded up to a multiple of the granularity (saturating).</summary>
    private long BucketOf(long expiry)
    {
        if (expiry == long.MinValue)
        {
            return long.MinValue;
        }

        return expiry > long.MaxValue - _granularity ? long.MaxValue : -Core.Types.TemporalConversions.FloorDiv(-expiry, _granularity) * _granularity;
    }
}
