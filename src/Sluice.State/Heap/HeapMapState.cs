using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.State.Keyed;

namespace Sluice.State.Heap;

/// <summary>Heap map state: a dictionary per (key, namespace), each entry with its own TTL timestamp.</summary>
internal sealed class HeapMapState<TKey, TNs, TK, TV>
    : HeapStateTable<TKey, TNs, Dictionary<TK, StateEntry<TV>>>, INamespacedMapState<TNs, TK, TV>
    where TKey : notnull
    where TK : notnull
{
    private readonly ITypeSerializer<TK> _mapKeySerializer;
    private readonly ITypeSerializer<TV> _mapValueSerializer;
    private ReusableEntries? _reusableEntries;

    public HeapMapState(HeapKeyedStateBackend<TKey> backend, MapStateDescriptor<TK, TV> descriptor, ITypeSerializer<TNs> namespaceSerializer,
        TtlPolicy? ttl)
        : base(backend, descriptor, namespaceSerializer, ttl)
    {
        _mapKeySerializer = descriptor.KeySerializer;
        _mapValueSerializer = descriptor.ValueSerializer;
    }

    public bool IsEmpty
    {
        get
        {
            var map = CurrentMap(out var group, out var slotKey);
            if (map is null)
            {
                return true;
            }

            if (Ttl is not null && PruneExpired(map, Ttl.Now()))
            {
                group!.Remove(slotKey);
                return true;
            }

            return map.Count == 0;
        }
    }

    public bool TryGet(TK key, [MaybeNullWhen(false)] out TV value)
    {
        var map = CurrentMap(out var group, out var slotKey);
        if (map is null)
        {
            value = default;
            return false;
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrNullRef(map, key);
        if (Unsafe.IsNullRef(ref slot))
        {
            value = default;
            return false;
        }

        if (Ttl is null)
        {
            value = slot.Value;
            return true;
        }

        var now = Ttl.Now();
        if (Ttl.IsExpired(slot.Timestamp, now))
        {
            value = slot.Value;
            map.Remove(key);
            RemoveIfEmpty(group!, slotKey, map);
            if (Ttl.ReturnExpired)
            {
                return true;
            }

            value = default;
            return false;
        }

        if (Ttl.UpdateOnRead)
        {
            slot = slot with { Timestamp = now };
        }

        value = slot.Value;
        return true;
    }

    public void Put(TK key, TV value)
    {
        var group = CurrentGroupOrCreate();
        ref var map = ref CollectionsMarshal.GetValueRefOrAddDefault(group, SlotKey(CurrentNamespace), out _);
        map ??= [];
        map[key] = new StateEntry<TV>(value, Ttl?.Now() ?? 0);
    }

    public void PutAll(IEnumerable<KeyValuePair<TK, TV>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (key, value) in entries)
        {
            Put(key, value);
        }
    }

    public bool Remove(TK key)
    {
        var map = CurrentMap(out var group, out var slotKey);
        if (map is null || !map.Remove(key, out var removed))
        {
            return false;
        }

        RemoveIfEmpty(group!, slotKey, map);
        return Ttl is null || !Ttl.IsExpired(removed.Timestamp, Ttl.Now());
    }

    public bool Contains(TK key) => TryGet(key, out _);

    public IEnumerable<KeyValuePair<TK, TV>> Entries()
    {
        var map = CurrentMap(out var group, out var slotKey);
        if (map is null)
        {
            return [];
        }

        // One reused enumerable per handle, so that probing a map per row allocates nothing; a nested (or abandoned)
        // enumeration gets a new one, which is then the reused one.
        var entries = _reusableEntries;
        if (entries is null || entries.InUse)
        {
            _reusableEntries = entries = new ReusableEntries(this);
        }

        entries.Start(group!, slotKey, map);
        return entries;
    }

    public IEnumerable<TK> Keys() => Entries().Select(static e => e.Key);

    public IEnumerable<TV> Values() => Entries().Select(static e => e.Value);

    protected override bool PruneExpired(Dictionary<TK, StateEntry<TV>> entry, long now)
    {
        foreach (var (key, value) in entry)
        {
            if (Ttl!.IsExpired(value.Timestamp, now))
            {
                entry.Remove(key);
            }
        }

        return entry.Count == 0;
    }

    protected override void WriteEntry(Dictionary<TK, StateEntry<TV>> entry, BinaryBufferWriter writer)
    {
        writer.WriteVarUInt64((ulong)entry.Count);
        foreach (var (key, value) in entry)
        {
            WriteTimestamp(value.Timestamp, writer);
            _mapKeySerializer.Serialize(key, writer);
            _mapValueSerializer.Serialize(value.Value, writer);
        }
    }

    protected override Dictionary<TK, StateEntry<TV>> ReadEntry(BinaryBufferReader reader, bool hasTimestamps, long now)
    {
        var count = reader.ReadVarUInt64();
        if (count > (ulong)reader.Remaining)
        {
            ThrowHelper.ThrowCorrupt($"Map state '{Name}' claims {count} entries in {reader.Remaining} bytes.");
        }

        var map = new Dictionary<TK, StateEntry<TV>>((int)count);
        for (ulong i = 0; i < count; i++)
        {
            var timestamp = ReadTimestamp(reader, hasTimestamps, now);
            var key = _mapKeySerializer.Deserialize(reader);
            map[key] = new StateEntry<TV>(_mapValueSerializer.Deserialize(reader), timestamp);
        }

        return map;
    }

    private static void RemoveIfEmpty(Dictionary<(TKey Key, TNs Namespace), Dictionary<TK, StateEntry<TV>>> group, (TKey, TNs) slotKey,
        Dictionary<TK, StateEntry<TV>> map)
    {
        if (map.Count == 0 && group.TryGetValue(slotKey, out var current) && ReferenceEquals(current, map))
        {
            group.Remove(slotKey);
        }
    }

    private Dictionary<TK, StateEntry<TV>>? CurrentMap(out Dictionary<(TKey Key, TNs Namespace), Dictionary<TK, StateEntry<TV>>>? group,
        out (TKey, TNs) slotKey)
    {
        group = CurrentGroup();
        slotKey = SlotKey(CurrentNamespace);
        return group is not null && group.TryGetValue(slotKey, out var map) ? map : null;
    }

    private IEnumerable<KeyValuePair<TK, TV>> Enumerate(Dictionary<(TKey Key, TNs Namespace), Dictionary<TK, StateEntry<TV>>> group,
        (TKey, TNs) slotKey, Dictionary<TK, StateEntry<TV>> map)
    {
        var ttl = Ttl;
        var now = ttl?.Now() ?? 0;
        foreach (var (key, entry) in map)
        {
            if (ttl is not null)
            {
                if (ttl.IsExpired(entry.Timestamp, now))
                {
                    // Removing while enumerating is allowed for Dictionary since .NET Core 3.0.
                    map.Remove(key);
                    if (ttl.ReturnExpired)
                    {
                        yield return new KeyValuePair<TK, TV>(key, entry.Value);
                    }

                    continue;
                }

                if (ttl.UpdateOnRead)
                {
                    ref var slot = ref CollectionsMarshal.GetValueRefOrNullRef(map, key);
                    if (!Unsafe.IsNullRef(ref slot))
                    {
                        slot = slot with { Timestamp = now };
                    }
                }
            }

            yield return new KeyValuePair<TK, TV>(key, entry.Value);
        }

        RemoveIfEmpty(group, slotKey, map);
    }

    /// <summary>
    /// The enumerable <see cref="Entries"/> hands out, and its enumerator: reused by the handle once an enumeration
    /// ended (its end, or <see cref="Dispose"/>). Same semantics as <see cref="Enumerate"/> (expired entries dropped, reads
    /// refreshing TTL timestamps, the map removed when left empty); enumerating it a second time falls back to a new
    /// iterator over the same map. Hold it only until the next call of <see cref="Entries"/> on the same handle.
    /// </summary>
    private sealed class ReusableEntries(HeapMapState<TKey, TNs, TK, TV> owner) : IEnumerable<KeyValuePair<TK, TV>>, IEnumerator<KeyValuePair<TK, TV>>
    {
        private Dictionary<(TKey Key, TNs Namespace), Dictionary<TK, StateEntry<TV>>>? _group;
        private (TKey, TNs) _slotKey;
        private Dictionary<TK, StateEntry<TV>>? _map;
        private Dictionary<TK, StateEntry<TV>>.Enumerator _enumerator;
        private KeyValuePair<TK, TV> _current;
        private long _now;
        private bool _enumerated;

        /// <summary>True from <see cref="Start"/> until the enumeration ends.</summary>
        public bool InUse { get; private set; }

        public KeyValuePair<TK, TV> Current => _current;

        object IEnumerator.Current => _current;

        public void Start(Dictionary<(TKey Key, TNs Namespace), Dictionary<TK, StateEntry<TV>>> group, (TKey, TNs) slotKey,
            Dictionary<TK, StateEntry<TV>> map)
        {
            _group = group;
            _slotKey = slotKey;
            _map = map;
            _enumerated = false;
            _current = default;
            InUse = true;
        }

        public IEnumerator<KeyValuePair<TK, TV>> GetEnumerator()
        {
            if (_enumerated || !InUse)
            {
                return owner.Enumerate(_group!, _slotKey, _map!).GetEnumerator();
            }

            _enumerated = true;
            _now = owner.Ttl?.Now() ?? 0;
            _enumerator = _map!.GetEnumerator();
            return this;
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public bool MoveNext()
        {
            if (!InUse)
            {
                return false;
            }

            var ttl = owner.Ttl;
            var map = _map!;
            while (_enumerator.MoveNext())
            {
                var (key, entry) = _enumerator.Current;
                if (ttl is not null)
                {
                    if (ttl.IsExpired(entry.Timestamp, _now))
                    {
                        // Removing while enumerating is allowed for Dictionary since .NET Core 3.0.
                        map.Remove(key);
                        if (ttl.ReturnExpired)
                        {
                            _current = new KeyValuePair<TK, TV>(key, entry.Value);
                            return true;
                        }

                        continue;
                    }

                    if (ttl.UpdateOnRead)
                    {
                        ref var slot = ref CollectionsMarshal.GetValueRefOrNullRef(map, key);
                        if (!Unsafe.IsNullRef(ref slot))
                        {
                            slot = slot with { Timestamp = _now };
                        }
                    }
                }

                _current = new KeyValuePair<TK, TV>(key, entry.Value);
                return true;
            }

            RemoveIfEmpty(_group!, _slotKey, map);
            End();
            return false;
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose() => End();

        private void End()
        {
            _enumerator = default;
            _current = default;
            InUse = false;
        }
    }
}
