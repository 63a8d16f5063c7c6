using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// Removes elements from a window when it fires: before the window function runs (<see cref="EvictBefore{T}"/>) and
/// after it (<see cref="EvictAfter{T}"/>). A window with an evictor keeps all its elements (no incremental reduce or
/// aggregate); a reduce or aggregate is applied to what remains when it fires.
/// </summary>
/// <remarks><b>Threading.</b> Shared by all windows and subtasks: keep no mutable fields.</remarks>
public abstract class Evictor
{
    /// <summary>Creates the evictor.</summary>
    protected Evictor()
    {
    }

    /// <summary>Removes elements (in arrival order) before the window function runs.</summary>
    public abstract void EvictBefore<T>(List<TimestampedValue<T>> elements, TimeWindow window, long currentWatermark);

    /// <summary>Removes elements after the window function ran; nothing by default.</summary>
    public virtual void EvictAfter<T>(List<TimestampedValue<T>> elements, TimeWindow window, long currentWatermark)
    {
    }
}
