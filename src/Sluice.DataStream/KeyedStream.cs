using Sluice.Core.Serialization;
using Sluice.DataStream.Functions;
using Sluice.DataStream.Operators;
using Sluice.DataStream.Translation;
using Sluice.DataStream.Types;
using Sluice.State.Keyed;

namespace Sluice.DataStream;

/// <summary>
/// A stream partitioned by key (<see cref="DataStream{T}.KeyBy{TKey}"/>): functions applied to it get keyed state and
/// timers per key, checkpointed per key group and redistributed when the parallelism changes.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
public sealed class KeyedStream<TKey, T>
    where TKey : notnull
{
    internal KeyedStream(StreamExecutionEnvironment environment, IReadOnlyList<StreamRef> refs, Func<T, TKey> keyOf, ITypeInfo<TKey> keyType)
    {
        Environment = environment;
        Refs = refs;
        KeyOf = keyOf;
        KeyType = keyType;
    }

    /// <summary>The environment the program belongs to.</summary>
    public StreamExecutionEnvironment Environment { get; }

    /// <summary>The key function.</summary>
    public Func<T, TKey> KeyOf { get; }

    /// <summary>The key's serializer and stable hasher.</summary>
    public ITypeInfo<TKey> KeyType { get; }

    internal IReadOnlyList<StreamRef> Refs { get; }

    /// <summary>Runs a <see cref="KeyedProcessFunction{TKey, TIn, TOut}"/>: keyed state, timers and side outputs.</summary>
    public DataStream<TOut> Process<TOut>(KeyedProcessFunction<TKey, T, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Process(function, "keyed-process", function.GetType().Name);
    }

    /// <summary>
    /// A rolling reduce per key: every element is folded into its key's value (kept in value state) and the new value
    /// is emitted. The value's serializer comes from <paramref name="serializer"/> or the <see cref="TypeInfos"/> registry.
    /// </summary>
    public DataStream<T> Reduce(Func<T, T, T> reduce, ITypeSerializer<T>? serializer = null)
    {
        ArgumentNullException.ThrowIfNull(reduce);
        return Process(new RollingReduceFunction<TKey, T>(reduce, serializer ?? TypeInfos.SerializerOf<T>()), "reduce", "Reduce");
    }

    /// <summary>
    /// A rolling aggregation per key (create / add / merge / result): every element is added to its key's accumulator
    /// (kept in state) and the new result is emitted.
    /// </summary>
    public DataStream<TOut> Aggregate<TAcc, TOut>(IAggregateFunction<T, TAcc, TOut> aggregate, ITypeSerializer<TAcc>? accumulatorSerializer = null)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        return Process(new RollingAggregateFunction<TKey, T, TAcc, TOut>(aggregate, accumulatorSerializer ?? TypeInfos.SerializerOf<TAcc>()),
            "aggregate", "Aggregate");
    }

    /// <summary>
    /// Divides the stream into windows per key (tumbling, sliding, session, global, event or processing time); compute
    /// them with the returned stream's <c>Reduce</c>, <c>Aggregate</c> or <c>Process</c>.
    /// </summary>
    public WindowedStream<TKey, T> Window(Windowing.WindowAssigner assigner)
    {
        ArgumentNullException.ThrowIfNull(assigner);
        return new WindowedStream<TKey, T>(this, assigner);
    }

    /// <summary>Connects with another stream keyed by the same key type, for a <see cref="KeyedCoProcessFunction{TKey, TIn1, TIn2, TOut}"/>.</summary>
    public KeyedConnectedStreams<TKey, T, T2> Connect<T2>(KeyedStream<TKey, T2> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!ReferenceEquals(other.Environment, Environment))
        {
            throw new ArgumentException("Streams of different execution environments cannot be combined.");
        }

        return new KeyedConnectedStreams<TKey, T, T2>(this, other);
    }

    /// <summary>Joins with another keyed stream by event-time interval: give the interval with <see cref="IntervalJoin{TKey, T1, T2}.Between"/>.</summary>
    public IntervalJoin<TKey, T, T2> IntervalJoin<T2>(KeyedStream<TKey, T2> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!ReferenceEquals(other.Environment, Environment))
        {
            throw new ArgumentException("Streams of different execution environments cannot be combined.");
        }

        return new IntervalJoin<TKey, T, T2>(this, other);
    }

    /// <summary>Connects with a broadcast stream for a <see cref="KeyedBroadcastProcessFunction{TKey, TIn, TBroadcast, TOut}"/>.</summary>
    public KeyedBroadcastConnectedStreams<TKey, T, TB> Connect<TB>(BroadcastStream<TB> broadcast)
    {
        ArgumentNullException.ThrowIfNull(broadcast);
        if (!ReferenceEquals(broadcast.Stream.Environment, Environment))
        {
            throw new ArgumentException("Streams of different execution environments cannot be combined.");
        }

        return new KeyedBroadcastConnectedStreams<TKey, T, TB>(this, broadcast);
    }

    private DataStream<TOut> Process<TOut>(KeyedProcessFunction<TKey, T, TOut> function, string kind, string name)
    {
        var ttl = Environment.Options.DefaultStateTtl;
        var keyOf = KeyOf;
        var keyType = KeyType;
        var t = new Transformation(Environment, kind, name,
            tr => new KeyedProcessOperator<TKey, T, TOut>(function, keyOf, keyType, ttl) { ConsumedSideOutputs = tr.ConsumedSideOutputs });
        t.Inputs.Add([.. Refs]);
        return new DataStream<TOut>(t);
    }
}
