namespace Sluice.DataStream.Functions;

/// <summary>
/// A function over a keyed stream connected with a broadcast stream: elements of the keyed stream have keyed state and
/// timers and read the broadcast states; broadcast elements reach every subtask and may update the broadcast states.
/// </summary>
/// <remarks>
/// <para><b>Lifecycle.</b> One instance per subtask (a <see cref="Clone"/>): <see cref="Open"/> (declare keyed state) →
/// (<see cref="ProcessElement"/> | <see cref="ProcessBroadcastElement"/> | <see cref="OnTimer"/>)* → <see cref="Close"/>.</para>
/// <para><b>State.</b> As for <see cref="BroadcastProcessFunction{TIn, TBroadcast, TOut}"/>; keyed state is available only while
/// processing a keyed element or timer (a broadcast element has no current key).</para>
/// <para><b>Threading.</b> Task thread only, never concurrently.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TIn">The keyed stream's element type.</typeparam>
/// <typeparam name="TBroadcast">The broadcast stream's element type.</typeparam>
/// <typeparam name="TOut">The output element type.</typeparam>
public abstract class KeyedBroadcastProcessFunction<TKey, TIn, TBroadcast, TOut>
    where TKey : notnull
{
    /// <summary>Called once per subtask before the first element: declare keyed state here.</summary>
    public virtual void Open(RuntimeContext context)
    {
    }

    /// <summary>Processes an element of the keyed stream (broadcast states read only).</summary>
    public abstract void ProcessElement(TIn value, KeyedReadOnlyBroadcastContext<TKey> context, Collector<TOut> output);

    /// <summary>Processes a broadcast element (broadcast states read-write; no current key, but <see cref="KeyedBroadcastContext{TKey}.ApplyToKeyedState"/>).</summary>
    public abstract void ProcessBroadcastElement(TBroadcast value, KeyedBroadcastContext<TKey> context, Collector<TOut> output);

    /// <summary>A timer of <c>context.Key</c> fired.</summary>
    public virtual void OnTimer(long timestamp, KeyedReadOnlyBroadcastContext<TKey> context, Collector<TOut> output)
    {
    }

    /// <summary>Called when the subtask ends.</summary>
    public virtual void Close()
    {
    }

    /// <summary>The instance a subtask runs; the default is a shallow copy.</summary>
    public virtual KeyedBroadcastProcessFunction<TKey, TIn, TBroadcast, TOut> Clone() =>
        (KeyedBroadcastProcessFunction<TKey, TIn, TBroadcast, TOut>)MemberwiseClone();
}
