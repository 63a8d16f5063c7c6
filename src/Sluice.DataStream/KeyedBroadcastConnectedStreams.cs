using Sluice.DataStream.Functions;
using Sluice.DataStream.Operators;
using Sluice.DataStream.Translation;

namespace Sluice.DataStream;

/// <summary>A keyed stream connected with a broadcast stream (<see cref="KeyedStream{TKey, T}.Connect{TB}(BroadcastStream{TB})"/>).</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TIn">The keyed stream's element type.</typeparam>
/// <typeparam name="TBroadcast">The broadcast stream's element type.</typeparam>
public sealed class KeyedBroadcastConnectedStreams<TKey, TIn, TBroadcast>
    where TKey : notnull
{
    private readonly KeyedStream<TKey, TIn> _input;
    private readonly BroadcastStream<TBroadcast> _broadcast;

    internal KeyedBroadcastConnectedStreams(KeyedStream<TKey, TIn> input, BroadcastStream<TBroadcast> broadcast)
    {
        _input = input;
        _broadcast = broadcast;
    }

    /// <summary>Runs a <see cref="KeyedBroadcastProcessFunction{TKey, TIn, TBroadcast, TOut}"/> over both streams.</summary>
    public DataStream<TOut> Process<TOut>(KeyedBroadcastProcessFunction<TKey, TIn, TBroadcast, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var env = _input.Environment;
        var ttl = env.Options.DefaultStateTtl;
        var states = _broadcast.States;
        var (keyOf, keyType) = (_input.KeyOf, _input.KeyType);
        var t = new Transformation(env, "keyed-broadcast-process", function.GetType().Name,
            tr => new KeyedBroadcastProcessOperator<TKey, TIn, TBroadcast, TOut>(function, keyOf, keyType, states, ttl)
            {
                ConsumedSideOutputs = tr.ConsumedSideOutputs,
            });
        t.Inputs.Add([.. _input.Refs]);
        t.Inputs.Add([.. _broadcast.Stream.Refs]);
        return new DataStream<TOut>(t);
    }
}
