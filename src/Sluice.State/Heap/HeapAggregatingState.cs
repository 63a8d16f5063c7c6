using Sluice.Core.Serialization;
using Sluice.State.Keyed;

namespace Sluice.State.Heap;

/// <summary>Heap aggregating state: stores the accumulator.</summary>
internal sealed class HeapAggregatingState<TKey, TNs, TIn, TAcc, TOut>
    : HeapSingleValueState<TKey, TNs, TAcc>, INamespacedAggregatingState<TNs, TIn, TOut>
    where TKey : notnull
{
    private readonly IAggregateFunction<TIn, TAcc, TOut> _function;

    public HeapAggregatingState(HeapKeyedStateBackend<TKey> backend, AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor,
        ITypeSerializer<TNs> namespaceSerializer, TtlPolicy? ttl)
        : base(backend, descriptor, namespaceSerializer, descriptor.AccumulatorSerializer, ttl)
    {
        _function = descriptor.Function;
    }

    public TOut? Get() => TryRead(CurrentNamespace, out var accumulator) ? _function.GetResult(accumulator) : default;

    public void Add(TIn value)
    {
        var ns = CurrentNamespace;
        var accumulator = TryRead(ns, out var current) ? current : _function.CreateAccumulator();
        Write(ns, _function.Add(value, accumulator));
    }

    public void MergeNamespaces(TNs target, IEnumerable<TNs> sources) => MergeInto(target, sources);

    protected override TAcc MergeValues(TAcc target, TAcc source) => _function.Merge(target, source);
}
