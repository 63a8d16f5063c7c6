using Sluice.Core.Serialization;
using Sluice.State.Keyed;
using Sluice.DataStream.Windowing;

namespace Sluice.DataStream;

/// <summary>
/// A stream that is not keyed, divided into windows (<see cref="DataStream{T}.WindowAll"/>): every element goes to one
/// window operator with parallelism 1, which sees the whole stream. Same assigners, triggers, evictors, lateness and
/// functions as keyed windows.
/// </summary>
/// <remarks>Built as a keyed window over one constant key (as Flink does), so its state is checkpointed like any
/// keyed window's. The configuration methods return this stream.</remarks>
/// <typeparam name="T">The element type.</typeparam>
public sealed class AllWindowedStream<T>
{
    private readonly WindowedStream<int, T> _windowed;

    internal AllWindowedStream(WindowedStream<int, T> windowed)
    {
        _windowed = windowed;
    }

    /// <summary>Replaces the assigner's default trigger.</summary>
    public AllWindowedStream<T> Trigger(Trigger trigger)
    {
        _windowed.Trigger(trigger);
        return this;
    }

    /// <summary>Removes elements when the window fires; the window then keeps all elements.</summary>
    public AllWindowedStream<T> Evictor(Evictor evictor)
    {
        _windowed.Evictor(evictor);
        return this;
    }

    /// <summary>Keeps event-time windows for <paramref name="lateness"/> after their end. Zero by default.</summary>
    public AllWindowedStream<T> AllowedLateness(TimeSpan lateness)
    {
        _windowed.AllowedLateness(lateness);
        return this;
    }

    /// <summary>Emits elements too late for all their windows to <paramref name="tag"/> instead of dropping them.</summary>
    public AllWindowedStream<T> SideOutputLateData(OutputTag<T> tag)
    {
        _windowed.SideOutputLateData(tag);
        return this;
    }

    /// <summary>Reduces each window incrementally and emits the reduced value when it fires.</summary>
    public DataStream<T> Reduce(Func<T, T, T> reduce, ITypeSerializer<T>? serializer = null) =>
        _windowed.Reduce(reduce, serializer).Name("WindowAll(Reduce)").SetParallelism(1);

    /// <summary>Reduces each window incrementally; when it fires, <paramref name="function"/> gets the reduced value and the window's metadata.</summary>
    public DataStream<TOut> Reduce<TOut>(Func<T, T, T> reduce, ProcessAllWindowFunction<T, TOut> function, ITypeSerializer<T>? serializer = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return _windowed.Reduce(reduce, new AllWindowFunctionAdapter<T, TOut>(function), serializer)
            .Name($"WindowAll(Reduce, {function.GetType().Name})").SetParallelism(1);
    }

    /// <summary>Aggregates each window incrementally; when it fires, <paramref name="function"/> gets the result and the window's metadata.</summary>
    public DataStream<TResult> Aggregate<TAcc, TOut, TResult>(IAggregateFunction<T, TAcc, TOut> aggregate, ProcessAllWindowFunction<TOut, TResult> function,
        ITypeSerializer<TAcc>? accumulatorSerializer = null, ITypeSerializer<T>? elementSerializer = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return _windowed.Aggregate(aggregate, new AllWindowFunctionAdapter<TOut, TResult>(function), accumulatorSerializer, elementSerializer)
            .Name($"WindowAll(Aggregate, {function.GetType().Name})").SetParallelism(1);
    }

    /// <summary>Aggregates each window incrementally (create / add / merge / result) and emits the result when it fires.</summary>
    public DataStream<TOut> Aggregate<TAcc, TOut>(IAggregateFunction<T, TAcc, TOut> aggregate, ITypeSerializer<TAcc>? accumulatorSerializer = null,
        ITypeSerializer<T>? elementSerializer = null) =>
        _windowed.Aggregate(aggregate, accumulatorSerializer, elementSerializer).Name("WindowAll(Aggregate)").SetParallelism(1);

    /// <summary>Keeps every element of a window and runs <paramref name="function"/> on all of them when it fires.</summary>
    public DataStream<TOut> Process<TOut>(ProcessAllWindowFunction<T, TOut> function, ITypeSerializer<T>? serializer = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return _windowed.Process(new AllWindowFunctionAdapter<T, TOut>(function), serializer).Name($"WindowAll({function.GetType().Name})").SetParallelism(1);
    }
}
