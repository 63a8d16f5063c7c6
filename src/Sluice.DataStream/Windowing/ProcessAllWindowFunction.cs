using Sluice.DataStream.Functions;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// Computes the results of a window of a non-keyed stream (<see cref="DataStream{T}.WindowAll"/>) when its trigger fires,
/// from all its elements (or the one pre-aggregated value) and its metadata.
/// </summary>
/// <remarks><b>Lifecycle, time and threading</b> as for <see cref="ProcessWindowFunction{TIn, TOut, TKey}"/>; one instance, since
/// the operator runs with parallelism 1.</remarks>
/// <typeparam name="TIn">The window's element type (or the pre-aggregated value's).</typeparam>
/// <typeparam name="TOut">The result type.</typeparam>
public abstract class ProcessAllWindowFunction<TIn, TOut>
{
    /// <summary>Creates the function.</summary>
    protected ProcessAllWindowFunction()
    {
    }

    /// <summary>Called once before the first window.</summary>
    public virtual void Open(RuntimeContext context)
    {
    }

    /// <summary>The window fired: emit its results (the elements may be enumerated during this call only).</summary>
    public abstract void Process(ProcessWindowContext context, IEnumerable<TIn> elements, Collector<TOut> output);

    /// <summary>The window is removed; clear its per-window state.</summary>
    public virtual void Clear(ProcessWindowContext context)
    {
    }

    /// <summary>Called when the subtask ends.</summary>
    public virtual void Close()
    {
    }

    /// <summary>The instance the subtask runs; the default is a shallow copy.</summary>
    public virtual ProcessAllWindowFunction<TIn, TOut> Clone() => (ProcessAllWindowFunction<TIn, TOut>)MemberwiseClone();
}
