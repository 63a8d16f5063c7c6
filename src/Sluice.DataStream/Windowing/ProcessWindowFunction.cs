using Sluice.DataStream.Functions;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// Computes the results of a window when its trigger fires, from all its elements (or, combined with a reduce or an
/// aggregate, from the one pre-aggregated value) and its metadata (<see cref="ProcessWindowContext.Window"/>), with
/// state per window and per key (<see cref="ProcessWindowContext.WindowState"/>, <see cref="ProcessWindowContext.GlobalState"/>).
/// </summary>
/// <remarks>
/// <para><b>Lifecycle.</b> One instance per subtask (a <see cref="Clone"/>): <see cref="Open"/> →
/// (<see cref="Process"/> | <see cref="Clear"/>)* → <see cref="Close"/>. <see cref="Clear"/> runs when the window is
/// removed (its end plus the allowed lateness): clear per-window state there.</para>
/// <para><b>Time.</b> Results carry the window's <see cref="Sluice.Runtime.Operators.Windowing.TimeWindow.MaxTimestamp"/> as event time.</para>
/// <para><b>Threading.</b> Task thread only, never concurrently.</para>
/// </remarks>
/// <typeparam name="TIn">The window's element type (or the pre-aggregated value's).</typeparam>
/// <typeparam name="TOut">The result type.</typeparam>
/// <typeparam name="TKey">The key type.</typeparam>
public abstract class ProcessWindowFunction<TIn, TOut, TKey>
    where TKey : notnull
{
    /// <summary>Creates the function.</summary>
    protected ProcessWindowFunction()
    {
    }

    /// <summary>Called once per subtask before the first window: declare keyed (global) state here if needed.</summary>
    public virtual void Open(RuntimeContext context)
    {
    }

    /// <summary>The window fired: emit its results (the elements may be enumerated once or more during this call only).</summary>
    public abstract void Process(TKey key, ProcessWindowContext context, IEnumerable<TIn> elements, Collector<TOut> output);

    /// <summary>The window is removed; clear its per-window state.</summary>
    public virtual void Clear(ProcessWindowContext context)
    {
    }

    /// <summary>Called when the subtask ends.</summary>
    public virtual void Close()
    {
    }

    /// <summary>The instance a subtask runs; the default is a shallow copy.</summary>
    public virtual ProcessWindowFunction<TIn, TOut, TKey> Clone() => (ProcessWindowFunction<TIn, TOut, TKey>)MemberwiseClone();
}
