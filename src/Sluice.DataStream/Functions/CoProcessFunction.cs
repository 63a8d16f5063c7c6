namespace Sluice.DataStream.Functions;

/// <summary>
/// A function over two connected streams that are not keyed: <see cref="ProcessElement1"/> for the first input,
/// <see cref="ProcessElement2"/> for the second. The operator's watermark is the minimum of both inputs'.
/// </summary>
/// <remarks><b>Lifecycle and threading</b> as for <see cref="ProcessFunction{TIn, TOut}"/>.</remarks>
/// <typeparam name="TIn1">The first input's element type.</typeparam>
/// <typeparam name="TIn2">The second input's element type.</typeparam>
/// <typeparam name="TOut">The output element type.</typeparam>
public abstract class CoProcessFunction<TIn1, TIn2, TOut>
{
    /// <summary>Called once per subtask before the first element.</summary>
    public virtual void Open(RuntimeContext context)
    {
    }

    /// <summary>Processes an element of the first input.</summary>
    public abstract void ProcessElement1(TIn1 value, ProcessContext context, Collector<TOut> output);

    /// <summary>Processes an element of the second input.</summary>
    public abstract void ProcessElement2(TIn2 value, ProcessContext context, Collector<TOut> output);

    /// <summary>Called when the subtask ends.</summary>
    public virtual void Close()
    {
    }

    /// <summary>The instance a subtask runs; the default is a shallow copy.</summary>
    public virtual CoProcessFunction<TIn1, TIn2, TOut> Clone() => (CoProcessFunction<TIn1, TIn2, TOut>)MemberwiseClone();
}
