using Sluice.Core.Serialization;
using Sluice.State.Keyed;

namespace Sluice.State.Heap;

/// <summary>The part of a heap state the backend needs regardless of its namespace and value types.</summary>
internal abstract class HeapState<TKey>
    where TKey : notnull
{
    protected HeapState(StateDescriptor descriptor, object namespaceSerializer, int namespaceSerializerVersion, TtlPolicy? ttl)
    {
        Descriptor = descriptor;
        NamespaceSerializer = namespaceSerializer;
        SerializerVersions = [namespaceSerializerVersion, .. descriptor.SerializerVersions];
        Ttl = ttl;
    }

    /// <summary>The declaring descriptor.</summary>
    public StateDescriptor Descriptor { get; }

    /// <summary>The state's name.</summary>
    public string Name => Descriptor.Name;

    /// <summary>The state's kind.</summary>
    public StateKind Kind => Descriptor.Kind;

    /// <summary>The namespace serializer (an <c>ITypeSerializer&lt;TNs&gt;</c>).</summary>
    public object NamespaceSerializer { get; }

    /// <summary>The namespace serializer's version followed by the descriptor's serializer versions.</summary>
    public int[] SerializerVersions { get; }

    /// <summary>The TTL policy, or null.</summary>
    public TtlPolicy? Ttl { get; }

    /// <summary>
    /// Writes the payload of one key group (entry count, then entries), leaving out and removing expired entries;
    /// false, with nothing written, when the key group has no entry.
    /// </summary>
    public abstract bool WriteKeyGroup(int keyGroupIndex, BinaryBufferWriter writer, long now);

    /// <summary>Adds the entries of one key group's payload.</summary>
    public abstract void ReadKeyGroup(int keyGroup, int keyGroupIndex, BinaryBufferReader reader, bool hasTimestamps, long now);

    /// <summary>Adds every key with a live entry to <paramref name="keys"/>.</summary>
    public abstract void CollectKeys(HashSet<TKey> keys, long now);

    /// <summary>Drops every entry.</summary>
    public abstract void Drop();
}
