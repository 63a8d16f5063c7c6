using Sluice.DataStream.Functions;
using Sluice.DataStream.Operators;
using Sluice.DataStream.Translation;
using Sluice.DataStream.Types;

namespace Sluice.DataStream;

/// <summary>Two streams connected for a two-input function (<see cref="DataStream{T}.Connect{T2}(DataStream{T2})"/>).</summary>
/// <typeparam name="T1">The first stream's element type.</typeparam>
/// <typeparam name="T2">The second stream's element type.</typeparam>
public sealed class ConnectedStreams<T1, T2>
{
    internal ConnectedStreams(DataStream<T1> first, DataStream<T2> second)
    {
        First = first;
        Second = second;
    }

    /// <summary>The first input.</summary>
    public DataStream<T1> First { get; }

    /// <summary>The second input.</summary>
    public DataStream<T2> Second { get; }

    /// <summary>Runs a <see cref="CoProcessFunction{TIn1, TIn2, TOut}"/> over both inputs.</summary>
    public DataStream<TOut> Process<TOut>(CoProcessFunction<T1, T2, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var env = First.Environment;
        var ttl = env.Options.DefaultStateTtl;
        var t = new Transformation(env, "co-process", function.GetType().Name,
            tr => new CoProcessOperator<T1, T2, TOut>(function, ttl) { ConsumedSideOutputs = tr.ConsumedSideOutputs });
        t.Inputs.Add([.. First.Refs]);
        t.Inputs.Add([.. Second.Refs]);
        return new DataStream<TOut>(t);
    }

    /// <summary>Keys both inputs by keys of the same type, for a <see cref="KeyedCoProcessFunction{TKey, TIn1, TIn2, TOut}"/>.</summary>
    public KeyedConnectedStreams<TKey, T1, T2> KeyBy<TKey>(Func<T1, TKey> keyOf1, Func<T2, TKey> keyOf2, ITypeInfo<TKey>? keyType = null)
        where TKey : notnull
    {
        var type = keyType ?? TypeInfos.Of<TKey>();
        return First.KeyBy(keyOf1, type).Connect(Second.KeyBy(keyOf2, type));
    }
}
