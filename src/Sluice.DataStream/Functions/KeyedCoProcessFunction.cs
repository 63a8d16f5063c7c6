namespace Sluice.DataStream.Functions;

/// <summary>
/// A function over two streams connected and keyed by the same key type: both inputs are partitioned by their keys
/// with the same hasher, so the elements of one key from both inputs meet in one subtask and share its keyed state and
/// timers (e.g. a join that keeps each side in state).
/// </summary>
/// <remarks><b>Lifecycle, threading and time</b> as for <see cref="KeyedProcessFunction{TKey, TIn, TOut}"/>.</remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TIn1">The first input's element type.</typeparam>
/// <typeparam name="TIn2">The second input's element type.</typeparam>
/// <typeparam name="TOut">The output element type.</typeparam>
public abstract class KeyedCoProcessFunction<TKey, TIn1, TIn2, TOut>
    where TKey : notnull
{
    /// <summary>Called once per subtask before the first element: declare keyed state here.</summary>
    public virtual void Open(RuntimeContext context)
    {
    }

    /// <summary>Processes an element of the first input.</summary>
    public abstract void ProcessElement1(TIn1 value, KeyedProcessContext<TKey> context, Collector<TOut> output);

    /// <summary>Processes an element of the second input.</summary>
    public abstract void ProcessElement2(TIn2 value, KeyedProcessContext<TKey> context, Collector<TOut> output);

    /// <summary>A timer of <c>context.Key</c> fired.</summary>
    public virtual void OnTimer(long timestamp, KeyedProcessContext<TKey> context, Collector<TOut> output)
    {
    }

    /// <summary>Called when the subtask ends.</summary>
    public virtual void Close()
    {
    }

    /// <summary>The instance a subtask runs; the default is a shallow copy.</summary>
    public virtual KeyedCoProcessFunction<TKey, TIn1, TIn2, TOut> Clone() => (KeyedCoProcessFunction<TKey, TIn1, TIn2, TOut>)MemberwiseClone();
}
