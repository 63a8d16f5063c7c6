using Sluice.DataStream.Functions;
using Sluice.DataStream.Operators;
using Sluice.DataStream.Translation;

namespace Sluice.DataStream;

/// <summary>A non-keyed stream connected with a broadcast stream (<see cref="DataStream{T}.Connect{TB}(BroadcastStream{TB})"/>).</summary>
/// <typeparam name="TIn">The non-broadcast stream's element type.</typeparam>
/// <typeparam name="TBroadcast">The broadcast stream's element type.</typeparam>
public sealed class BroadcastConnectedStreams<TIn, TBroadcast>
{
    private readonly DataStream<TIn> _input;
    private readonly BroadcastStream<TBroadcast> _broadcast;

    internal BroadcastConnectedStreams(DataStream<TIn> input, BroadcastStream<TBroadcast> broadcast)
    {
        _input = input;
        _broadcast = broadcast;
    }

    /// <summary>Runs a <see cref="BroadcastProcessFunction{TIn, TBroadcast, TOut}"/> over both streams.</summary>
    public DataStream<TOut> Process<TOut>(BroadcastProcessFunction<TIn, TBroadcast, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var env = _input.Environment;
        var ttl = env.Options.DefaultStateTtl;
        var states = _broadcast.States;
        var t = new Transformation(env, "broadcast-process", function.GetType().Name,
            tr => new BroadcastProcessOperator<TIn, TBroadcast, TOut>(function, states, ttl) { ConsumedSideOutputs = tr.ConsumedSideOutputs });
        t.Inputs.Add([.. _input.Refs]);
        t.Inputs.Add([.. _broadcast.Stream.Refs]);
        return new DataStream<TOut>(t);
    }
}
