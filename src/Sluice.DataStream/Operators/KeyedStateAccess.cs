using Sluice.State.Keyed;

namespace Sluice.DataStream.Operators;

/// <summary>An <see cref="IKeyedStateAccess"/> over a typed backend.</summary>
internal sealed class KeyedStateAccess<TKey>(IKeyedStateBackend<TKey> backend) : IKeyedStateAccess
    where TKey : notnull
{
    public IValueState<T> GetValueState<T>(ValueStateDescriptor<T> descriptor) => backend.GetValueState(descriptor);

    public IListState<T> GetListState<T>(ListStateDescriptor<T> descriptor) => backend.GetListState(descriptor);

    public IMapState<TK, TV> GetMapState<TK, TV>(MapStateDescriptor<TK, TV> descriptor)
        where TK : notnull => backend.GetMapState(descriptor);

    public IReducingState<T> GetReducingState<T>(ReducingStateDescriptor<T> descriptor) => backend.GetReducingState(descriptor);

    public IAggregatingState<TIn, TOut> GetAggregatingState<TIn, TAcc, TOut>(AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor) =>
        backend.GetAggregatingState(descriptor);
}
