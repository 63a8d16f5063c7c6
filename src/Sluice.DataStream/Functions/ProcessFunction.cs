namespace Sluice.DataStream.Functions;

/// <summary>
/// The most general function on a stream that is not keyed: called for every element, may emit any number of
/// results and side outputs. Not keyed, so it has no keyed state and no timers (use a <see cref="KeyedProcessFunction{TKey, TIn, TOut}"/>).
/// </summary>
/// <remarks>
/// <para><b>Lifecycle.</b> One instance per operator subtask (the instance given to <c>Process</c> is the template;
/// override <see cref="Clone"/> when it has mutable fields). <see cref="Open"/> → <see cref="ProcessElement"/>* →
/// <see cref="Close"/>.</para>
/// <para><b>Threading.</b> Every call runs on the subtask's task thread, never concurrently.</para>
/// </remarks>
/// <typeparam name="TIn">The input element type.</typeparam>
/// <typeparam name="TOut">The output element type.</typeparam>
public abstract class ProcessFunction<TIn, TOut>
{
    /// <summary>Called once per subtask before the first element.</summary>
    public virtual void Open(RuntimeContext context)
    {
    }

    /// <summary>Processes one element.</summary>
    /// <param name="value">The element.</param>
    /// <param name="context">Its event time, the watermark, side outputs.</param>
    /// <param name="output">Where results go.</param>
    public abstract void ProcessElement(TIn value, ProcessContext context, Collector<TOut> output);

    /// <summary>Called when the subtask ends (finished, cancelled or failed).</summary>
    public virtual void Close()
    {
    }

    /// <summary>The instance a subtask runs; the default is a shallow copy (fields shared by reference).</summary>
    public virtual ProcessFunction<TIn, TOut> Clone() => (ProcessFunction<TIn, TOut>)MemberwiseClone();
}
