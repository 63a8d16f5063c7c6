using Sluice.Core.Errors;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.State.Internal;

namespace Sluice.State.Timers;

/// <summary>
/// A deduplicated priority queue of timers (key, namespace, timestamp), owned by a keyed state backend and obtained
/// with <see cref="Keyed.IKeyedStateBackend{TKey}.GetTimerQueue{TNs}"/>. Its timers are snapshotted per key group
/// with the backend's state and restore into backends of another parallelism like state does.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> Smallest timestamp first; ties are broken by key group, then by insertion order (after a
/// restore, by the order of the snapshot, which is itself timestamp then insertion order per key group), so the
/// order never depends on hash-table layout.</para>
/// <para><b>Cost.</b> Timers are grouped by timestamp (<see cref="TimerBucket{TKey, TNs}"/>: structs in one array per
/// timestamp, sorted by key group once when first read), with a small heap of the distinct timestamps and a hash index
/// of the live timers (<see cref="TimerIndex{TKey, TNs}"/>; it and the buckets keep each timer's hash, so polling a timer
/// does not hash it again): <see cref="Add"/>, <see cref="Remove"/>, <see cref="Contains"/> and <see cref="Poll"/> cost
/// one hash operation (plus O(log t) for a new timestamp among t), and no object per timer. Window operators register
/// many timers at the same few timestamps (window ends), where a heap of timers paid O(log n) pointer-chasing per
/// timer. The snapshot format did not change with this layout (per key group: key, namespace, timestamp in firing
/// order).</para>
/// <para><b>Threading.</b> Used by the task thread only, like its backend; no locks.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TNs">The namespace type.</typeparam>
public sealed class KeyGroupedTimerQueue<TKey, TNs> : ISnapshotTimerQueue
    where TKey : notnull
{
    private readonly KeyGroupRange _range;
    private readonly int _maxParallelism;
    private readonly IKeyHasher<TKey> _keyHasher;
    private readonly ITypeSerializer<TKey> _keySerializer;
    private readonly ITypeSerializer<TNs> _namespaceSerializer;
    private readonly TimerIndex<TKey, TNs> _live = new();
    private readonly Dictionary<long, TimerBucket<TKey, TNs>> _buckets = [];
    private readonly HashSet<long> _removed = [];
    private long[] _times = new long[8];
    private int _timeCount;
    private TimerBucket<TKey, TNs>? _headBucket;
    private TimerBucket<TKey, TNs>? _spare;
    private long _nextSequence;
    private SnapshotEntry[]? _snapshotOrder;
    private int _snapshotCursor;

    internal KeyGroupedTimerQueue(string name, ITypeSerializer<TNs> namespaceSerializer, KeyGroupRange range, int maxParallelism,
        IKeyHasher<TKey> keyHasher, ITypeSerializer<TKey> keySerializer)
    {
        Name = name;
        _namespaceSerializer = namespaceSerializer;
        _range = range;
        _maxParallelism = maxParallelism;
        _keyHasher = keyHasher;
        _keySerializer = keySerializer;
    }

    /// <summary>The queue's name, unique within its backend.</summary>
    public string Name { get; }

    /// <summary>The number of timers.</summary>
    public int Count => _live.Count;

    /// <summary>The serializer of the namespaces.</summary>
    public ITypeSerializer<TNs> NamespaceSerializer => _namespaceSerializer;

    object ISnapshotTimerQueue.NamespaceSerializer => _namespaceSerializer;

    int ISnapshotTimerQueue.NamespaceSerializerVersion => _namespaceSerializer.Version;

    /// <summary>
    /// Adds a timer; false when this exact timer (key, namespace, timestamp) is already queued. Throws a
    /// <see cref="StateException"/> when the key's key group is not owned by the backend.
    /// </summary>
    public bool Add(TKey key, TNs ns, long timestamp)
    {
        var keyGroup = KeyGroupGuard.Assign(key, _keyHasher, _maxParallelism, _range);
        return Insert(key, ns, timestamp, keyGroup);
    }

    /// <summary>Removes a timer; false when it was not queued.</summary>
    public bool Remove(TKey key, TNs ns, long timestamp)
    {
        if (!_live.TryRemove(_live.Hash(key, ns, timestamp), key, ns, timestamp, out var sequence))
        {
            return false;
        }

        // The entry stays in its bucket and is skipped when reached.
        _buckets[timestamp].Live--;
        _removed.Add(sequence);
        return true;
    }

    /// <summary>True when this exact timer is queued.</summary>
    public bool Contains(TKey key, TNs ns, long timestamp) => _live.Contains(_live.Hash(key, ns, timestamp), key, ns, timestamp);

    /// <summary>
    /// Gets the timestamp of the next timer; false when the queue is empty. Cheaper than <see cref="TryPeek"/>, which also
    /// finds which timer of that timestamp fires first.
    /// </summary>
    public bool TryPeekTimestamp(out long timestamp)
    {
        var bucket = HeadBucket(findHead: false);
        timestamp = bucket?.Timestamp ?? 0;
        return bucket is not null;
    }

    /// <summary>Gets the next timer without removing it; false when the queue is empty.</summary>
    public bool TryPeek(out TimerEntry<TKey, TNs> timer)
    {
        var bucket = HeadBucket(findHead: true);
        if (bucket is null)
        {
            timer = default;
            return false;
        }

        ref readonly var head = ref bucket.Head;
        timer = new TimerEntry<TKey, TNs>(head.Key, head.Namespace, bucket.Timestamp);
        return true;
    }

    /// <summary>Removes and returns the next timer; throws <see cref="InvalidOperationException"/> when empty.</summary>
    public TimerEntry<TKey, TNs> Poll()
    {
        var bucket = HeadBucket(findHead: true);
        if (bucket is null)
        {
            ThrowHelper.ThrowInvalidOperation($"Timer queue '{Name}' is empty.");
        }

        ref readonly var head = ref bucket.Head;
        var timer = new TimerEntry<TKey, TNs>(head.Key, head.Namespace, bucket.Timestamp);
        _live.TryRemove(head.Hash, timer.Key, timer.Namespace, timer.Timestamp, out _);
        bucket.Live--;
        bucket.Advance();
        return timer;
    }

    /// <inheritdoc />
    public override string ToString() => $"Timer queue '{Name}' ({_live.Count} timers)";

    void ISnapshotTimerQueue.BeginSnapshot()
    {
        var order = new SnapshotEntry[_live.Count];
        var n = 0;
        foreach (var bucket in _buckets.Values)
        {
            foreach (var entry in bucket.Remaining)
            {
                if (_removed.Count == 0 || !_removed.Contains(entry.Sequence))
                {
                    order[n++] = new SnapshotEntry(entry, bucket.Timestamp);
                }
            }
        }

        if (n != order.Length)
        {
            ThrowHelper.ThrowInvalidOperation($"Timer queue '{Name}' counts {order.Length} timers but its buckets hold {n}.");
        }

        // Key group, then firing order within it (timestamp, then insertion).
        Array.Sort(order, static (a, b) =>
        {
            var c = a.Entry.KeyGroup.CompareTo(b.Entry.KeyGroup);
            if (c != 0)
            {
                return c;
            }

            c = a.Timestamp.CompareTo(b.Timestamp);
            return c != 0 ? c : a.Entry.Sequence.CompareTo(b.Entry.Sequence);
        });
        _snapshotOrder = order;
        _snapshotCursor = 0;
    }

    bool ISnapshotTimerQueue.WriteKeyGroup(int keyGroup, BinaryBufferWriter writer)
    {
        var order = _snapshotOrder!;
        var start = _snapshotCursor;
        while (start < order.Length && order[start].Entry.KeyGroup < keyGroup)
        {
            start++;
        }

        var end = start;
        while (end < order.Length && order[end].Entry.KeyGroup == keyGroup)
        {
            end++;
        }

        _snapshotCursor = end;
        if (end == start)
        {
            return false;
        }

        writer.WriteVarUInt64((ulong)(end - start));
        for (var i = start; i < end; i++)
        {
            _keySerializer.Serialize(order[i].Entry.Key, writer);
            _namespaceSerializer.Serialize(order[i].Entry.Namespace, writer);
            writer.WriteVarInt64(order[i].Timestamp);
        }

        return true;
    }

    void ISnapshotTimerQueue.EndSnapshot() => _snapshotOrder = null;

    void ISnapshotTimerQueue.ReadKeyGroup(int keyGroup, BinaryBufferReader reader)
    {
        var count = reader.ReadVarUInt64();
        for (ulong i = 0; i < count; i++)
        {
            var key = _keySerializer.Deserialize(reader);
            var ns = _namespaceSerializer.Deserialize(reader);
            var timestamp = reader.ReadVarInt64();
            var actual = KeyGroups.Assign(_keyHasher.GetStableHash(key), _maxParallelism);
            if (actual != keyGroup)
            {
                ThrowHelper.ThrowCorrupt(
                    $"Timer queue '{Name}': a timer's key belongs to key group {actual} but was stored in key group {keyGroup} " +
                    "(corrupt data, or the key hasher or max parallelism changed).");
            }

            Insert(key, ns, timestamp, keyGroup);
        }
    }

    private bool Insert(TKey key, TNs ns, long timestamp, int keyGroup)
    {
        var hash = _live.Hash(key, ns, timestamp);
        var sequence = _nextSequence;
        if (!_live.TryAdd(hash, key, ns, timestamp, sequence))
        {
            return false;
        }

        _nextSequence++;
        if (!_buckets.TryGetValue(timestamp, out var bucket))
        {
            bucket = _spare ?? new TimerBucket<TKey, TNs>();
            _spare = null;
            bucket.Reset(timestamp);
            _buckets.Add(timestamp, bucket);
            PushTime(timestamp);
            _headBucket = null;
        }

        bucket.Add(key, ns, keyGroup, sequence, hash);
        bucket.Live++;
        return true;
    }

    /// <summary>
    /// The bucket of the smallest timestamp with a live timer, or null when the queue is empty; with
    /// <paramref name="findHead"/>, its head is that timestamp's first live timer (removed ones skipped, which sorts the
    /// bucket when needed).
    /// </summary>
    private TimerBucket<TKey, TNs>? HeadBucket(bool findHead)
    {
        while (true)
        {
            var bucket = _headBucket;
            if (bucket is null)
            {
                if (_timeCount == 0)
                {
                    return null;
                }

                bucket = _headBucket = _buckets[_times[0]];
            }

            if (bucket.Live > 0)
            {
                if (findHead)
                {
                    while (_removed.Count > 0 && _removed.Remove(bucket.Head.Sequence))
                    {
                        bucket.Advance();
                    }
                }

                return bucket;
            }

            // Every timer at this timestamp fired or was removed: forget the removed ones still in the bucket.
            if (_removed.Count > 0)
            {
                foreach (var entry in bucket.Remaining)
                {
                    _removed.Remove(entry.Sequence);
                }
            }

            _buckets.Remove(bucket.Timestamp);
            PopTime();
            _headBucket = null;
            bucket.Reset(0);
            _spare = bucket;
        }
    }

    private void PushTime(long timestamp)
    {
        if (_timeCount == _times.Length)
        {
            Array.Resize(ref _times, _times.Length * 2);
        }

        var index = _timeCount++;
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (_times[parent] <= timestamp)
            {
                break;
            }

            _times[index] = _times[parent];
            index = parent;
        }

        _times[index] = timestamp;
    }

    private void PopTime()
    {
        var last = _times[--_timeCount];
        var index = 0;
        while (true)
        {
            var child = (2 * index) + 1;
            if (child >= _timeCount)
            {
                break;
            }

            if (child + 1 < _timeCount && _times[child + 1] < _times[child])
            {
                child++;
            }

            if (_times[child] >= last)
            {
                break;
            }

            _times[index] = _times[child];
            index = child;
        }

        if (_timeCount > 0)
        {
            _times[index] = last;
        }
    }

    /// <summary>A timer as a snapshot writes it.</summary>
    private readonly record struct SnapshotEntry(TimerBucket<TKey, TNs>.Entry Entry, long Timestamp);
}
