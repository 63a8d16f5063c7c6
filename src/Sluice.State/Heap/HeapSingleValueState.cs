using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sluice.Core.Serialization;
using Sluice.State.Keyed;

namespace Sluice.State.Heap;

/// <summary>The shared storage of value, reducing and aggregating state: one value per (key, namespace).</summary>
/// <remarks>
/// <b>Read-modify-write.</b> Operators read a value object, change it in place and store it again. Without a TTL, storing
/// the very object that the last read returned for the same key and namespace changes nothing, so it costs no second hash
/// lookup (the last read is remembered until any entry is written, removed, restored or dropped).
/// </remarks>
internal abstract class HeapSingleValueState<TKey, TNs, TV> : HeapStateTable<TKey, TNs, StateEntry<TV>>
    where TKey : notnull
{
    private readonly ITypeSerializer<TV> _valueSerializer;
    private bool _lastRead;
    private TKey _lastKey = default!;
    private TNs _lastNamespace = default!;
    private TV _lastValue = default!;

    protected HeapSingleValueState(HeapKeyedStateBackend<TKey> backend, StateDescriptor descriptor, ITypeSerializer<TNs> namespaceSerializer,
        ITypeSerializer<TV> valueSerializer, TtlPolicy? ttl)
        : base(backend, descriptor, namespaceSerializer, ttl)
    {
        _valueSerializer = valueSerializer;
    }

    /// <summary>Reads the value of the current key in <paramref name="ns"/>, applying TTL visibility, cleanup and refresh.</summary>
    protected bool TryRead(TNs ns, out TV value)
    {
        var group = CurrentGroup();
        if (group is not null)
        {
            if (Ttl is not null)
            {
                return TryReadWithTtl(group, SlotKey(ns), Ttl, out value);
            }

            var slotKey = SlotKey(ns);
            if (group.TryGetValue(slotKey, out var entry))
            {
                value = entry.Value;
                if (!typeof(TV).IsValueType)
                {
                    Remember(slotKey.Key, ns, value);
                }

                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>Stores <paramref name="value"/> for the current key in <paramref name="ns"/>.</summary>
    protected void Write(TNs ns, TV value)
    {
        var slotKey = SlotKey(ns);
        if (!typeof(TV).IsValueType && _lastRead && Ttl is null && ReferenceEquals(_lastValue, value)
            && EqualityComparer<TKey>.Default.Equals(_lastKey, slotKey.Key) && SameNamespace(_lastNamespace, ns))
        {
            // The entry already holds this object (it was changed in place).
            return;
        }

        var group = CurrentGroupOrCreate();
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(group, slotKey, out _);
        slot = new StateEntry<TV>(value, Ttl is null ? 0 : Ttl.Now());
        if (!typeof(TV).IsValueType)
        {
            Remember(slotKey.Key, ns, value);
        }
    }

    /// <summary>
    /// A reference to the current key's value in <paramref name="ns"/>, or a null reference; applies the TTL as a read
    /// (an expired value is removed and never returned by reference). See <see cref="IValueStateReference{T}"/>.
    /// </summary>
    protected ref TV ValueRefOrNullRef(TNs ns)
    {
        Forget();
        var group = CurrentGroup();
        if (group is null)
        {
            return ref Unsafe.NullRef<TV>();
        }

        var slotKey = SlotKey(ns);
        ref var slot = ref CollectionsMarshal.GetValueRefOrNullRef(group, slotKey);
        if (Unsafe.IsNullRef(ref slot))
        {
            return ref Unsafe.NullRef<TV>();
        }

        if (Ttl is { } ttl)
        {
            var now = ttl.Now();
            if (ttl.IsExpired(slot.Timestamp, now))
            {
                group.Remove(slotKey);
                return ref Unsafe.NullRef<TV>();
            }

            if (ttl.UpdateOnRead)
            {
                slot.Timestamp = now;
            }
        }

        return ref slot.Value;
    }

    /// <summary>
    /// A reference to the current key's value in <paramref name="ns"/>, added as <c>default</c> when missing (or expired);
    /// a write for the TTL (the timestamp is set to now). See <see cref="IValueStateReference{T}"/>.
    /// </summary>
    protected ref TV ValueRefOrAddDefault(TNs ns, out bool exists)
    {
        Forget();
        var group = CurrentGroupOrCreate();
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(group, SlotKey(ns), out exists);
        if (Ttl is { } ttl)
        {
            var now = ttl.Now();
            if (exists && ttl.IsExpired(slot.Timestamp, now))
            {
                slot.Value = default!;
                exists = false;
            }

            slot.Timestamp = now;
        }

        return ref slot.Value;
    }

    /// <inheritdoc />
    protected override void OnEntriesChanged() => Forget();

    private void Remember(TKey key, TNs ns, TV value)
    {
        _lastRead = true;
        _lastKey = key;
        _lastNamespace = ns;
        _lastValue = value;
    }

    private void Forget()
    {
        _lastRead = false;
        _lastKey = default!;
        _lastNamespace = default!;
        _lastValue = default!;
    }

    /// <summary>Folds two values (merging namespaces); only reducing and aggregating state merge.</summary>
    protected virtual TV MergeValues(TV target, TV source) => throw new NotSupportedException($"{Kind} state cannot merge namespaces.");

    /// <summary>Merges the sources' values into the target's for the current key; see the public interfaces.</summary>
    protected void MergeInto(TNs target, IEnumerable<TNs> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        Forget();
        var group = CurrentGroup();
        if (group is null)
        {
            return;
        }

        var now = Ttl?.Now() ?? 0;
        var found = false;
        TV merged = default!;
        foreach (var source in sources)
        {
            if (SameNamespace(source, target) || !group.Remove(SlotKey(source), out var entry) || IsExpired(entry, now))
            {
                continue;
            }

            merged = found ? MergeValues(merged, entry.Value) : entry.Value;
            found = true;
        }

        if (!found)
        {
            return;
        }

        var targetKey = SlotKey(target);
        if (group.TryGetValue(targetKey, out var existing) && !IsExpired(existing, now))
        {
            merged = MergeValues(existing.Value, merged);
        }

        group[targetKey] = new StateEntry<TV>(merged, now);
    }

    protected override bool PruneExpired(StateEntry<TV> entry, long now) => Ttl!.IsExpired(entry.Timestamp, now);

    protected override void WriteEntry(StateEntry<TV> entry, BinaryBufferWriter writer)
    {
        WriteTimestamp(entry.Timestamp, writer);
        _valueSerializer.Serialize(entry.Value, writer);
    }

    protected override StateEntry<TV> ReadEntry(BinaryBufferReader reader, bool hasTimestamps, long now)
    {
        var timestamp = ReadTimestamp(reader, hasTimestamps, now);
        return new StateEntry<TV>(_valueSerializer.Deserialize(reader), timestamp);
    }

    private bool IsExpired(StateEntry<TV> entry, long now) => Ttl is not null && Ttl.IsExpired(entry.Timestamp, now);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryReadWithTtl(Dictionary<(TKey Key, TNs Namespace), StateEntry<TV>> group, (TKey, TNs) slotKey, TtlPolicy ttl,
        out TV value)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrNullRef(group, slotKey);
        if (Unsafe.IsNullRef(ref slot))
        {
            value = default!;
            return false;
        }

        var now = ttl.Now();
        if (ttl.IsExpired(slot.Timestamp, now))
        {
            value = slot.Value;
            group.Remove(slotKey);
            if (ttl.ReturnExpired)
            {
                return true;
            }

            value = default!;
            return false;
        }

        if (ttl.UpdateOnRead)
        {
            slot.Timestamp = now;
        }

        value = slot.Value;
        return true;
    }
}
