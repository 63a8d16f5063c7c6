namespace Sluice.DataStream.Functions;

/// <summary>
/// A function over a stream connected with a broadcast stream (the broadcast state pattern): broadcast elements reach
/// every subtask and may update the broadcast states; elements of the other stream read them.
/// </summary>
/// <remarks>
/// <para><b>Lifecycle.</b> One instance per subtask (a <see cref="Clone"/>): <see cref="Open"/> → (<see cref="ProcessElement"/> |
/// <see cref="ProcessBroadcastElement"/>)* → <see cref="Close"/>. The order between the two inputs is not defined.</para>
/// <para><b>State.</b> Update the broadcast states only from broadcast elements, the same way on every subtask: they are
/// checkpointed once (from subtask 0) and every subtask gets that copy on restore, at any parallelism.</para>
/// <para><b>Threading.</b> Task thread only, never concurrently.</para>
/// </remarks>
/// <typeparam name="TIn">The non-broadcast stream's element type.</typeparam>
/// <typeparam name="TBroadcast">The broadcast stream's element type.</typeparam>
/// <typeparam name="TOut">The output element type.</typeparam>
public abstract class BroadcastProcessFunction<TIn, TBroadcast, TOut>
{
    /// <summary>Called once per subtask before the first element.</summary>
    public virtual void Open(RuntimeContext context)
    {
    }

    /// <summary>Processes an element of the non-broadcast stream (broadcast states read only).</summary>
    public abstract void ProcessElement(TIn value, ReadOnlyBroadcastContext context, Collector<TOut> output);

    /// <summary>Processes a broadcast element (broadcast states read-write).</summary>
    public abstract void ProcessBroadcastElement(TBroadcast value, BroadcastContext context, Collector<TOut> output);

    /// <summary>Called when the subtask ends.</summary>
    public virtual void Close()
    {
    }

    /// <summary>The instance a subtask runs; the default is a shallow copy.</summary>
    public virtual BroadcastProcessFunction<TIn, TBroadcast, TOut> Clone() => (BroadcastProcessFunction<TIn, TBroadcast, TOut>)MemberwiseClone();
}
