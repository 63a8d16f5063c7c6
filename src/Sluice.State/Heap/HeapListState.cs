using System.Runtime.InteropServices;
using Sluice.Core.Serialization;
using Sluice.State.Keyed;

namespace Sluice.State.Heap;

/// <summary>Heap list state: a list of elements per (key, namespace), each with its own TTL timestamp.</summary>
internal sealed class HeapListState<TKey, TNs, T> : HeapStateTable<TKey, TNs, List<StateEntry<T>>>, INamespacedListState<TNs, T>
    where TKey : notnull
{
    private readonly ITypeSerializer<T> _elementSerializer;

    public HeapListState(HeapKeyedStateBackend<TKey> backend, ListStateDescriptor<T> descriptor, ITypeSerializer<TNs> namespaceSerializer,
        TtlPolicy? ttl)
        : base(backend, descriptor, namespaceSerializer, ttl)
    {
        _elementSerializer = descriptor.ElementSerializer;
    }

    public IEnumerable<T> Get()
    {
        var group = CurrentGroup();
        var slotKey = SlotKey(CurrentNamespace);
        if (group is null || !group.TryGetValue(slotKey, out var list))
        {
            return [];
        }

        if (Ttl is null)
        {
            var values = new T[list.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = list[i].Value;
            }

            return values;
        }

        var now = Ttl.Now();
        var result = new List<T>(list.Count);
        var span = CollectionsMarshal.AsSpan(list);
        var kept = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var entry = span[i];
            if (Ttl.IsExpired(entry.Timestamp, now))
            {
                if (Ttl.ReturnExpired)
                {
                    result.Add(entry.Value);
                }

                continue;
            }

            result.Add(entry.Value);
            span[kept++] = Ttl.UpdateOnRead ? entry with { Timestamp = now } : entry;
        }

        list.RemoveRange(kept, list.Count - kept);
        if (kept == 0)
        {
            group.Remove(slotKey);
        }

        return result;
    }

    public void Add(T value)
    {
        if (!typeof(T).IsValueType && value is null)
        {
            throw new ArgumentNullException(nameof(value), "List state elements must not be null.");
        }

        ListOrCreate().Add(new StateEntry<T>(value, Ttl?.Now() ?? 0));
    }

    public void AddAll(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        List<StateEntry<T>>? list = null;
        var timestamp = Ttl?.Now() ?? 0;
        foreach (var value in values)
        {
            if (!typeof(T).IsValueType && value is null)
            {
                throw new ArgumentNullException(nameof(values), "List state elements must not be null.");
            }

            (list ??= ListOrCreate()).Add(new StateEntry<T>(value, timestamp));
        }
    }

    public void Update(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = values.ToArray();
        Clear();
        AddAll(copy);
    }

    public void MergeNamespaces(TNs target, IEnumerable<TNs> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var group = CurrentGroup();
        if (group is null)
        {
            return;
        }

        var now = Ttl?.Now() ?? 0;
        var targetKey = SlotKey(target);
        group.TryGetValue(targetKey, out var targetList);
        foreach (var source in sources)
        {
            if (SameNamespace(source, target) || !group.Remove(SlotKey(source), out var sourceList))
            {
                continue;
            }

            if (Ttl is not null)
            {
                PruneExpired(sourceList, now);
            }

            if (sourceList.Count == 0)
            {
                continue;
            }

            if (targetList is null)
            {
                targetList = sourceList;
                group[targetKey] = targetList;
            }
            else
            {
                targetList.AddRange(sourceList);
            }
        }
    }

    protected override bool PruneExpired(List<StateEntry<T>> entry, long now)
    {
        var span = CollectionsMarshal.AsSpan(entry);
        var kept = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (!Ttl!.IsExpired(span[i].Timestamp, now))
            {
                span[kept++] = span[i];
            }
        }

        entry.RemoveRange(kept, entry.Count - kept);
        return kept == 0;
    }

    protected override void WriteEntry(List<StateEntry<T>> entry, BinaryBufferWriter writer)
    {
        writer.WriteVarUInt64((ulong)entry.Count);
        foreach (var element in entry)
        {
            WriteTimestamp(element.Timestamp, writer);
            _elementSerializer.Serialize(element.Value, writer);
        }
    }

    protected override List<StateEntry<T>> ReadEntry(BinaryBufferReader reader, bool hasTimestamps, long now)
    {
        var count = reader.ReadVarUInt64();
        if (count > (ulong)reader.Remaining)
        {
            Core.Errors.ThrowHelper.ThrowCorrupt($"List state '{Name}' claims {count} elements in {reader.Remaining} bytes.");
        }

        var list = new List<StateEntry<T>>((int)count);
        for (ulong i = 0; i < count; i++)
        {
            var timestamp = ReadTimestamp(reader, hasTimestamps, now);
            list.Add(new StateEntry<T>(_elementSerializer.Deserialize(reader), timestamp));
        }

        return list;
    }

    private List<StateEntry<T>> ListOrCreate()
    {
        var group = CurrentGroupOrCreate();
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(group, SlotKey(CurrentNamespace), out _);
        return list ??= [];
    }
}
