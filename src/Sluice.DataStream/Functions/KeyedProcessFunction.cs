namespace Sluice.DataStream.Functions;

/// <summary>
/// A function on a keyed stream with keyed state (value, list, map, reducing, aggregating; declared in
/// <see cref="Open"/> through the <see cref="RuntimeContext"/>) and event- and processing-time timers per key. State and
/// timers are checkpointed per key group, restored on recovery and redistributed when the parallelism changes.
/// </summary>
/// <remarks>
/// <para><b>Lifecycle.</b> One instance per operator subtask (a <see cref="Clone"/> of the one given to <c>Process</c>).
/// <see cref="Open"/> → (<see cref="ProcessElement"/> | <see cref="OnTimer"/>)* → <see cref="Close"/>.</para>
/// <para><b>Threading.</b> Every call runs on the subtask's task thread, never concurrently; no locks are needed.</para>
/// <para><b>Time.</b> Results emitted in <see cref="ProcessElement"/> carry the element's event time, results emitted in
/// <see cref="OnTimer"/> the timer's time (event-time timers) or none (processing-time timers).</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TIn">The input element type.</typeparam>
/// <typeparam name="TOut">The output element type.</typeparam>
public abstract class KeyedProcessFunction<TKey, TIn, TOut>
    where TKey : notnull
{
    /// <summary>Called once per subtask before the first element: declare keyed state here.</summary>
    public virtual void Open(RuntimeContext context)
    {
    }

    /// <summary>Processes one element; the context's key is the element's key.</summary>
    public abstract void ProcessElement(TIn value, KeyedProcessContext<TKey> context, Collector<TOut> output);

    /// <summary>A timer of <c>context.Key</c> fired at <paramref name="timestamp"/> (<c>context.TimeDomain</c> says which clock).</summary>
    public virtual void OnTimer(long timestamp, KeyedProcessContext<TKey> context, Collector<TOut> output)
    {
    }

    /// <summary>Called when the subtask ends (finished, cancelled or failed).</summary>
    public virtual void Close()
    {
    }

    /// <summary>The instance a subtask runs; the default is a shallow copy (fields shared by reference).</summary>
    public virtual KeyedProcessFunction<TKey, TIn, TOut> Clone() => (KeyedProcessFunction<TKey, TIn, TOut>)MemberwiseClone();
}
