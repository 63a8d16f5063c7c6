using System.Diagnostics.CodeAnalysis;
using Sluice.Core.Serialization;
using Sluice.State.Keyed;

namespace Sluice.State.Heap;

/// <summary>Heap value state.</summary>
internal sealed class HeapValueState<TKey, TNs, T> : HeapSingleValueState<TKey, TNs, T>, INamespacedValueState<TNs, T>, IValueStateReference<T>
    where TKey : notnull
{
    public HeapValueState(HeapKeyedStateBackend<TKey> backend, ValueStateDescriptor<T> descriptor, ITypeSerializer<TNs> namespaceSerializer,
        TtlPolicy? ttl)
        : base(backend, descriptor, namespaceSerializer, descriptor.Serializer, ttl)
    {
    }

    public T? Value() => TryRead(CurrentNamespace, out var value) ? value : default;

    public bool TryGet([MaybeNullWhen(false)] out T value) => TryRead(CurrentNamespace, out value);

    public ref T GetValueRefOrNullRef() => ref ValueRefOrNullRef(CurrentNamespace);

    public ref T GetValueRefOrAddDefault(out bool exists) => ref ValueRefOrAddDefault(CurrentNamespace, out exists);

    public void Update(T value)
    {
        // The IsValueType test keeps debug builds from boxing the value for the null check.
        if (!typeof(T).IsValueType && value is null)
        {
            Clear();
            return;
        }

        Write(CurrentNamespace, value);
    }
}
