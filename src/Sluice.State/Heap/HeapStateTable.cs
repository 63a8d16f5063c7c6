using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.State.Keyed;

namespace Sluice.State.Heap;

/// <summary>
/// The storage of one heap state: one dictionary per key group, keyed by (key, namespace). Key groups are created
/// lazily. Subclasses give the entry type and its serialization.
/// </summary>
internal abstract class HeapStateTable<TKey, TNs, TEntry> : HeapState<TKey>, INamespacedState<TNs>
    where TKey : notnull
{
    private readonly HeapKeyedStateBackend<TKey> _backend;
    private readonly ITypeSerializer<TNs> _namespaceSerializer;
    private readonly Dictionary<(TKey Key, TNs Namespace), TEntry>?[] _groups;
    private TNs _namespace = default!;

    protected HeapStateTable(HeapKeyedStateBackend<TKey> backend, StateDescriptor descriptor, ITypeSerializer<TNs> namespaceSerializer,
        TtlPolicy? ttl)
        : base(descriptor, namespaceSerializer, namespaceSerializer.Version, ttl)
    {
        _backend = backend;
        _namespaceSerializer = namespaceSerializer;
        _groups = new Dictionary<(TKey, TNs), TEntry>?[backend.KeyGroupRange.Count];
    }

    /// <summary>The handle's current namespace.</summary>
    protected TNs CurrentNamespace => _namespace;

    public void SetCurrentNamespace(TNs ns) => _namespace = ns;

    public void Clear()
    {
        OnEntriesChanged();
        CurrentGroup()?.Remove(SlotKey(_namespace));
    }

    /// <summary>Called before entries are removed or replaced other than through the subclass (clear, restore, drop).</summary>
    protected virtual void OnEntriesChanged()
    {
    }

    /// <summary>The table of the current key's key group, or null when it has no entry yet.</summary>
    protected Dictionary<(TKey Key, TNs Namespace), TEntry>? CurrentGroup() => _groups[_backend.CurrentKeyGroupIndex];

    /// <summary>The table of the current key's key group, created when missing.</summary>
    protected Dictionary<(TKey Key, TNs Namespace), TEntry> CurrentGroupOrCreate() =>
        _groups[_backend.CurrentKeyGroupIndex] ??= [];

    /// <summary>The table key of the current key in <paramref name="ns"/>.</summary>
    protected (TKey Key, TNs Namespace) SlotKey(TNs ns) => (_backend.CurrentKeyUnchecked, ns);

    /// <summary>True when two namespaces are equal.</summary>
    protected static bool SameNamespace(TNs a, TNs b) => EqualityComparer<TNs>.Default.Equals(a, b);

    /// <summary>Removes expired parts of <paramref name="entry"/>; true when nothing live is left (remove the entry).</summary>
    protected abstract bool PruneExpired(TEntry entry, long now);

    /// <summary>Writes one entry's value part (timestamps included when the state has a TTL).</summary>
    protected abstract void WriteEntry(TEntry entry, BinaryBufferWriter writer);

    /// <summary>Reads one entry's value part.</summary>
    protected abstract TEntry ReadEntry(BinaryBufferReader reader, bool hasTimestamps, long now);

    /// <summary>Writes a timestamp when the state has a TTL.</summary>
    protected void WriteTimestamp(long timestamp, BinaryBufferWriter writer)
    {
        if (Ttl is not null)
        {
            writer.WriteVarInt64(timestamp);
        }
    }

    /// <summary>
    /// Reads a timestamp if one was written. Without a TTL the result is 0; entries written without timestamps but
    /// restored with a TTL count as written now.
    /// </summary>
    protected long ReadTimestamp(BinaryBufferReader reader, bool hasTimestamps, long now)
    {
        var timestamp = hasTimestamps ? reader.ReadVarInt64() : now;
        return Ttl is null ? 0 : timestamp;
    }

    public override bool WriteKeyGroup(int keyGroupIndex, BinaryBufferWriter writer, long now)
    {
        var group = _groups[keyGroupIndex];
        if (group is null || group.Count == 0)
        {
            return false;
        }

        if (Ttl is not null)
        {
            RemoveExpired(group, now);
            if (group.Count == 0)
            {
                return false;
            }
        }

        var keySerializer = _backend.KeySerializer;
        writer.WriteVarUInt64((ulong)group.Count);
        foreach (var (slot, entry) in group)
        {
            keySerializer.Serialize(slot.Key, writer);
            _namespaceSerializer.Serialize(slot.Namespace, writer);
            WriteEntry(entry, writer);
        }

        return true;
    }

    public override void ReadKeyGroup(int keyGroup, int keyGroupIndex, BinaryBufferReader reader, bool hasTimestamps, long now)
    {
        var count = reader.ReadVarUInt64();
        if (count > (ulong)reader.Remaining)
        {
            ThrowHelper.ThrowCorrupt($"State '{Name}' in key group {keyGroup} claims {count} entries in {reader.Remaining} bytes.");
        }

        OnEntriesChanged();
        var group = _groups[keyGroupIndex] ??= new Dictionary<(TKey, TNs), TEntry>((int)count);
        var keySerializer = _backend.KeySerializer;
        for (ulong i = 0; i < count; i++)
        {
            var key = keySerializer.Deserialize(reader);
            var actual = _backend.KeyGroupOf(key);
            if (actual != keyGroup)
            {
                ThrowHelper.ThrowCorrupt(
                    $"State '{Name}': a key belongs to key group {actual} but was stored in key group {keyGroup} " +
                    "(corrupt data, or the key hasher or max parallelism changed).");
            }

            var ns = _namespaceSerializer.Deserialize(reader);
            group[(key, ns)] = ReadEntry(reader, hasTimestamps, now);
        }
    }

    public override void CollectKeys(HashSet<TKey> keys, long now)
    {
        foreach (var group in _groups)
        {
            if (group is null)
            {
                continue;
            }

            if (Ttl is not null)
            {
                RemoveExpired(group, now);
            }

            foreach (var slot in group.Keys)
            {
                keys.Add(slot.Key);
            }
        }
    }

    public override void Drop()
    {
        OnEntriesChanged();
        Array.Clear(_groups);
    }

    private void RemoveExpired(Dictionary<(TKey Key, TNs Namespace), TEntry> group, long now)
    {
        OnEntriesChanged();
        // Removing while enumerating is allowed for Dictionary since .NET Core 3.0.
        foreach (var (slot, entry) in group)
        {
            if (PruneExpired(entry, now))
            {
                group.Remove(slot);
            }
        }
    }
}
