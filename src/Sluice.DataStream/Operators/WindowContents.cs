using Sluice.Runtime.Operators.Windowing;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Operators;

/// <summary>
/// How a window operator keeps a window's contents (per key and window, in keyed state with the window as namespace)
/// and what the window function receives when it fires: one reduced or aggregated value, or all elements.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TAgg">What the window function receives per element of its input.</typeparam>
internal abstract class WindowContents<T, TAgg>
{
    /// <summary>A fresh instance with the same configuration (one per operator subtask).</summary>
    public abstract WindowContents<T, TAgg> Copy();

    /// <summary>Declares the state.</summary>
    public abstract void Open<TKey>(IKeyedStateBackend<TKey> backend)
        where TKey : notnull;

    /// <summary>Sets the window the next calls act on (the key is the backend's).</summary>
    public abstract void SetWindow(TimeWindow window);

    /// <summary>Adds an element.</summary>
    public abstract void Add(T value, long timestamp);

    /// <summary>The window function's input, or false when the window is empty. Valid until the next call.</summary>
    public abstract bool TryGet(TimeWindow window, long watermark, out IEnumerable<TAgg> input);

    /// <summary>Called after the window function ran on <see cref="TryGet"/>'s input (evictors' after phase).</summary>
    public virtual void AfterFire(TimeWindow window, long watermark)
    {
    }

    /// <summary>Drops the contents of the current window.</summary>
    public abstract void Clear();

    /// <summary>Moves the contents of <paramref name="sources"/> into <paramref name="target"/>.</summary>
    public abstract void Merge(TimeWindow target, IReadOnlyList<TimeWindow> sources);
}
