using Sluice.State.Keyed;

namespace Sluice.DataStream.Operators;

/// <summary>The keyed state backend of a keyed operator, without its key type.</summary>
internal interface IKeyedStateAccess
{
    IValueState<T> GetValueState<T>(ValueStateDescriptor<T> descriptor);

    IListState<T> GetListState<T>(ListStateDescriptor<T> descriptor);

    IMapState<TK, TV> GetMapState<TK, TV>(MapStateDescriptor<TK, TV> descriptor)
        where TK : notnull;

    IReducingState<T> GetReducingState<T>(ReducingStateDescriptor<T> descriptor);

    IAggregatingState<TIn, TOut> GetAggregatingState<TIn, TAcc, TOut>(AggregatingStateDescriptor<TIn, TAcc, TOut> descriptor);
}
