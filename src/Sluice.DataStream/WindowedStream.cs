using Sluice.Core.Serialization;
using Sluice.DataStream.Operators;
using Sluice.DataStream.Translation;
using Sluice.DataStream.Types;
using Sluice.DataStream.Windowing;
using Sluice.State.Keyed;

namespace Sluice.DataStream;

/// <summary>
/// A keyed stream divided into windows (<see cref="KeyedStream{TKey, T}.Window"/>): configure the trigger, evictor,
/// allowed lateness and late side output, then compute each window with <c>Reduce</c>, <c>Aggregate</c> or <c>Process</c>.
/// </summary>
/// <remarks>The configuration methods return this stream (they set options of the window operator to be built).</remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
public sealed class WindowedStream<TKey, T>
    where TKey : notnull
{
    private readonly KeyedStream<TKey, T> _input;
    private readonly WindowAssigner _assigner;
    private Trigger? _trigger;
    private Evictor? _evictor;
    private TimeSpan _allowedLateness;
    private OutputTag<T>? _lateTag;

    internal WindowedStream(KeyedStream<TKey, T> input, WindowAssigner assigner)
    {
        _input = input;
        _assigner = assigner;
    }

    /// <summary>Replaces the assigner's default trigger.</summary>
    public WindowedStream<TKey, T> Trigger(Trigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (_assigner.IsMerging && !trigger.CanMerge)
        {
            throw new ArgumentException($"The trigger {trigger.GetType().Name} cannot be used with merging windows ({_assigner.GetType().Name}).", nameof(trigger));
        }

        _trigger = trigger;
        return this;
    }

    /// <summary>Removes elements when the window fires; the window then keeps all elements (no incremental aggregation).</summary>
    public WindowedStream<TKey, T> Evictor(Evictor evictor)
    {
        ArgumentNullException.ThrowIfNull(evictor);
        _evictor = evictor;
        return this;
    }

    /// <summary>
    /// Keeps event-time windows for <paramref name="lateness"/> after their end: a late element within it is added and
    /// (with the event-time trigger) fires the window again with the updated result. Zero by default.
    /// </summary>
    public WindowedStream<TKey, T> AllowedLateness(TimeSpan lateness)
    {
        if (lateness < TimeSpan.Zero || lateness.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lateness), lateness, "The allowed lateness must be non-negative whole milliseconds.");
        }

        _allowedLateness = lateness;
        return this;
    }

    /// <summary>Emits elements too late for all their windows to <paramref name="tag"/> (select it with <c>GetSideOutput</c> on the result) instead of dropping them.</summary>
    public WindowedStream<TKey, T> SideOutputLateData(OutputTag<T> tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        _lateTag = tag;
        return this;
    }

    /// <summary>Reduces each window incrementally and emits the reduced value when it fires.</summary>
    public DataStream<T> Reduce(Func<T, T, T> reduce, ITypeSerializer<T>? serializer = null) =>
        Reduce(reduce, new PassThroughWindowFunction<T, TKey>(), serializer);

    /// <summary>Reduces each window incrementally; when it fires, <paramref name="function"/> gets the reduced value and the window's metadata.</summary>
    public DataStream<TOut> Reduce<TOut>(Func<T, T, T> reduce, ProcessWindowFunction<T, TOut, TKey> function, ITypeSerializer<T>? serializer = null)
    {
        ArgumentNullException.ThrowIfNull(reduce);
        ArgumentNullException.ThrowIfNull(function);
        var s = serializer ?? TypeInfos.SerializerOf<T>();
        WindowContents<T, T> contents = _evictor is { } evictor
            ? new EvictingWindowContents<T, T>(evictor, values => ReduceAll(values, reduce), s)
            : new ReducingWindowContents<T>(reduce, s);
        return Build(contents, function, "window-reduce");
    }

    /// <summary>Aggregates each window incrementally (create / add / merge / result) and emits the result when it fires.</summary>
    public DataStream<TOut> Aggregate<TAcc, TOut>(IAggregateFunction<T, TAcc, TOut> aggregate, ITypeSerializer<TAcc>? accumulatorSerializer = null,
        ITypeSerializer<T>? elementSerializer = null) =>
        Aggregate(aggregate, new PassThroughWindowFunction<TOut, TKey>(), accumulatorSerializer, elementSerializer);

    /// <summary>Aggregates each window incrementally; when it fires, <paramref name="function"/> gets the result and the window's metadata.</summary>
    public DataStream<TResult> Aggregate<TAcc, TOut, TResult>(IAggregateFunction<T, TAcc, TOut> aggregate, ProcessWindowFunction<TOut, TResult, TKey> function,
        ITypeSerializer<TAcc>? accumulatorSerializer = null, ITypeSerializer<T>? elementSerializer = null)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(function);
        WindowContents<T, TOut> contents = _evictor is { } evictor
            ? new EvictingWindowContents<T, TOut>(evictor, values => [AggregateAll(values, aggregate)], elementSerializer ?? TypeInfos.SerializerOf<T>())
            : new AggregatingWindowContents<T, TAcc, TOut>(aggregate, accumulatorSerializer ?? TypeInfos.SerializerOf<TAcc>());
        return Build(contents, function, "window-aggregate");
    }

    /// <summary>Keeps every element of a window and runs <paramref name="function"/> on all of them when it fires.</summary>
    public DataStream<TOut> Process<TOut>(ProcessWindowFunction<T, TOut, TKey> function, ITypeSerializer<T>? serializer = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        var s = serializer ?? TypeInfos.SerializerOf<T>();
        WindowContents<T, T> contents = _evictor is { } evictor
            ? new EvictingWindowContents<T, T>(evictor, values => values, s)
            : new ListWindowContents<T>(s);
        return Build(contents, function, "window-process");
    }

    private static IEnumerable<T> ReduceAll(IEnumerable<T> values, Func<T, T, T> reduce)
    {
        using var e = values.GetEnumerator();
        if (!e.MoveNext())
        {
            yield break;
        }

        var acc = e.Current;
        while (e.MoveNext())
        {
            acc = reduce(acc, e.Current);
        }

        yield return acc;
    }

    private static TOut AggregateAll<TAcc, TOut>(IEnumerable<T> values, IAggregateFunction<T, TAcc, TOut> aggregate)
    {
        var acc = aggregate.CreateAccumulator();
        foreach (var v in values)
        {
            acc = aggregate.Add(v, acc);
        }

        return aggregate.GetResult(acc);
    }

    private DataStream<TOut> Build<TAgg, TOut>(WindowContents<T, TAgg> contents, ProcessWindowFunction<TAgg, TOut, TKey> function, string kind)
    {
        var env = _input.Environment;
        var keyOf = _input.KeyOf;
        var keyType = _input.KeyType;
        var assigner = _assigner;
        var trigger = _trigger ?? assigner.DefaultTrigger;
        var lateness = assigner.IsEventTime ? _allowedLateness : TimeSpan.Zero;
        var lateTag = _lateTag;
        var name = $"Window({assigner.GetType().Name}, {trigger.GetType().Name}{(_evictor is null ? "" : ", " + _evictor.GetType().Name)})";
        var t = new Transformation(env, kind, name,
            tr => new WindowOperator<TKey, T, TAgg, TOut>(keyOf, keyType, assigner, trigger, lateness, lateTag, CloneContents(contents), function)
            {
                ConsumedSideOutputs = tr.ConsumedSideOutputs,
            });
        t.Inputs.Add([.. _input.Refs]);
        return new DataStream<TOut>(t);
    }

    /// <summary>Contents hold per-subtask buffers: every operator instance gets its own.</summary>
    private static WindowContents<T, TAgg> CloneContents<TAgg>(WindowContents<T, TAgg> contents) => contents.Copy();
}
