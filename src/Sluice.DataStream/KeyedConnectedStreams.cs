using Sluice.DataStream.Functions;
using Sluice.DataStream.Operators;
using Sluice.DataStream.Translation;

namespace Sluice.DataStream;

/// <summary>Two streams keyed by the same key type and connected: the elements of a key from both meet in one subtask.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="T1">The first stream's element type.</typeparam>
/// <typeparam name="T2">The second stream's element type.</typeparam>
public sealed class KeyedConnectedStreams<TKey, T1, T2>
    where TKey : notnull
{
    internal KeyedConnectedStreams(KeyedStream<TKey, T1> first, KeyedStream<TKey, T2> second)
    {
        First = first;
        Second = second;
    }

    /// <summary>The first input.</summary>
    public KeyedStream<TKey, T1> First { get; }

    /// <summary>The second input.</summary>
    public KeyedStream<TKey, T2> Second { get; }

    /// <summary>Runs a <see cref="KeyedCoProcessFunction{TKey, TIn1, TIn2, TOut}"/> with shared keyed state and timers.</summary>
    public DataStream<TOut> Process<TOut>(KeyedCoProcessFunction<TKey, T1, T2, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var env = First.Environment;
        var ttl = env.Options.DefaultStateTtl;
        var (keyOf1, keyOf2, keyType) = (First.KeyOf, Second.KeyOf, First.KeyType);
        if (!ReferenceEquals(First.KeyType.Hasher, Second.KeyType.Hasher))
        {
            throw new ArgumentException("Both inputs must be keyed with the same key hasher, or equal keys would land on different subtasks.");
        }

        var t = new Transformation(env, "keyed-co-process", function.GetType().Name,
            tr => new KeyedCoProcessOperator<TKey, T1, T2, TOut>(function, keyOf1, keyOf2, keyType, ttl) { ConsumedSideOutputs = tr.ConsumedSideOutputs });
        t.Inputs.Add([.. First.Refs]);
        t.Inputs.Add([.. Second.Refs]);
        return new DataStream<TOut>(t);
    }
}
