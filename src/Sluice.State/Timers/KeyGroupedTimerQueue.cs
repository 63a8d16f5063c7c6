using System.Runtime.InteropServices;
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
/// <para><b>Cost.</b> A binary heap plus a hash index: <see cref="Add"/>, <see cref="Remove"/> and <see cref="Poll"/>
/// are O(log n); <see cref="TryPeek"/> and the duplicate check are O(1).</para>
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
    private readonly Dictionary<(TKey Key, TNs Namespace, long Timestamp), Node> _nodes = [];
    private Node[] _heap = new Node[16];
    private int _count;
    private long _nextSequence;
    private Node[]? _snapshotOrder;
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
    public int Count => _count;

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
        if (!_nodes.Remove((key, ns, timestamp), out var node))
        {
            return false;
        }

        RemoveAt(node.HeapIndex);
        return true;
    }

    /// <summary>True when this exact timer is queued.</summary>
    public bool Contains(TKey key, TNs ns, long timestamp) => _nodes.ContainsKey((key, ns, timestamp));

    /// <summary>Gets the next timer without removing it; false when the queue is empty.</summary>
    public bool TryPeek(out TimerEntry<TKey, TNs> timer)
    {
        if (_count == 0)
        {
            timer = default;
            return false;
        }

        var head = _heap[0];
        timer = new TimerEntry<TKey, TNs>(head.Key, head.Namespace, head.Timestamp);
        return true;
    }

    /// <summary>Removes and returns the next timer; throws <see cref="InvalidOperationException"/> when empty.</summary>
    public TimerEntry<TKey, TNs> Poll()
    {
        if (_count == 0)
        {
            ThrowHelper.ThrowInvalidOperation($"Timer queue '{Name}' is empty.");
        }

        var head = _heap[0];
        _nodes.Remove((head.Key, head.Namespace, head.Timestamp));
        RemoveAt(0);
        return new TimerEntry<TKey, TNs>(head.Key, head.Namespace, head.Timestamp);
    }

    /// <inheritdoc />
    public override string ToString() => $"Timer queue '{Name}' ({_count} timers)";

    void ISnapshotTimerQueue.BeginSnapshot()
    {
        var order = _heap.AsSpan(0, _count).ToArray();
        Array.Sort(order, static (a, b) =>
        {
            var c = a.KeyGroup.CompareTo(b.KeyGroup);
            return c != 0 ? c : Compare(a, b);
        });
        _snapshotOrder = order;
        _snapshotCursor = 0;
    }

    bool ISnapshotTimerQueue.WriteKeyGroup(int keyGroup, BinaryBufferWriter writer)
    {
        var order = _snapshotOrder!;
        var start = _snapshotCursor;
        while (start < order.Length && order[start].KeyGroup < keyGroup)
        {
            start++;
        }

        var end = start;
        while (end < order.Length && order[end].KeyGroup == keyGroup)
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
            _keySerializer.Serialize(order[i].Key, writer);
            _namespaceSerializer.Serialize(order[i].Namespace, writer);
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

    private static int Compare(Node a, Node b)
    {
        var c = a.Timestamp.CompareTo(b.Timestamp);
        if (c != 0)
        {
            return c;
        }

        c = a.KeyGroup.CompareTo(b.KeyGroup);
        return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
    }

    private bool Insert(TKey key, TNs ns, long timestamp, int keyGroup)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_nodes, (key, ns, timestamp), out var exists);
        if (exists)
        {
            return false;
        }

        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var index = _count++;
        var node = new Node(key, ns, timestamp, keyGroup, _nextSequence++);
        slot = node;
        _heap[index] = node;
        SiftUp(index);
        return true;
    }

    private void RemoveAt(int index)
    {
        var last = --_count;
        if (index != last)
        {
            _heap[index] = _heap[last];
            _heap[last] = null!;
            if (index > 0 && Compare(_heap[index], _heap[(index - 1) / 2]) < 0)
            {
                SiftUp(index);
            }
            else
            {
                SiftDown(index);
            }
        }
        else
        {
            _heap[last] = null!;
        }
    }

    private void SiftUp(int index)
    {
        var node = _heap[index];
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (Compare(node, _heap[parent]) >= 0)
            {
                break;
            }

            Place(index, _heap[parent]);
            index = parent;
        }

        Place(index, node);
    }

    private void SiftDown(int index)
    {
        var node = _heap[index];
        while (true)
        {
            var child = (2 * index) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && Compare(_heap[child + 1], _heap[child]) < 0)
            {
                child++;
            }

            if (Compare(_heap[child], node) >= 0)
            {
                break;
            }

            Place(index, _heap[child]);
            index = child;
        }

        Place(index, node);
    }

    private void Place(int index, Node node)
    {
        _heap[index] = node;
        node.HeapIndex = index;
    }

    /// <summary>A queued timer; it knows its place in the heap, so sifting touches no dictionary.</summary>
    private sealed class Node(TKey key, TNs ns, long timestamp, int keyGroup, long sequence)
    {
        public TKey Key { get; } = key;

        public TNs Namespace { get; } = ns;

        public long Timestamp { get; } = timestamp;

        public int KeyGroup { get; } = keyGroup;

        public long Sequence { get; } = sequence;

        public int HeapIndex { get; set; }
    }
}
