using Sluice.Core.Serialization;
using Sluice.State.Keyed;

namespace Sluice.State.Heap;

/// <summary>Heap reducing state.</summary>
internal sealed class HeapReducingState<TKey, TNs, T> : HeapSingleValueState<TKey, TNs, T>, INamespacedReducingState<TNs, T>
    where TKey : notnull
{
    private readonly Func<T, T, T> _reduce;

    public HeapReducingState(HeapKeyedStateBackend<TKey> backend, ReducingStateDescriptor<T> descriptor,
        ITypeSerializer<TNs> namespaceSerializer, TtlPolicy? ttl)
        : base(backend, descriptor, namespaceSerializer, descriptor.Serializer, ttl)
    {
        _reduce = descriptor.Reduce;
    }

    public T? Get() => TryRead(CurrentNamespace, out var value) ? value : default;

    public void Add(T value)
    {
        var ns = CurrentNamespace;
        Write(ns, TryRead(ns, out var current) ? _reduce(current, value) : value);
    }

    public void MergeNamespaces(TNs target, IEnumerable<TNs> sources) => MergeInto(target, sources);

    protected override T MergeValues(T target, T source) => _reduce(target, source);
}
