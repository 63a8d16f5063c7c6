using Sluice.DataStream.Functions;
using Sluice.DataStream.Joining;
using Sluice.DataStream.Windowing;

namespace Sluice.DataStream;

/// <summary>
/// A window co-group (Flink's semantics): when a window fires, the function gets, per key, all first-stream and all
/// second-stream elements of that window (either may be empty, so outer joins can be written with it). Results carry
/// the window's max timestamp as event time.
/// </summary>
/// <remarks>Built like <see cref="WindowedJoin{T1, T2, TKey}"/>: checkpointed and rescaled like any keyed window.</remarks>
/// <typeparam name="T1">The first stream's element type.</typeparam>
/// <typeparam name="T2">The second stream's element type.</typeparam>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class WindowedCoGroup<T1, T2, TKey>
    where TKey : notnull
{
    private readonly TwoInputWindowSpec<T1, T2, TKey> _spec;

    internal WindowedCoGroup(TwoInputWindowSpec<T1, T2, TKey> spec)
    {
        _spec = spec;
    }

    /// <summary>Replaces the assigner's default trigger.</summary>
    public WindowedCoGroup<T1, T2, TKey> Trigger(Trigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        _spec.Trigger = trigger;
        return this;
    }

    /// <summary>Keeps event-time windows for <paramref name="lateness"/> after their end (a late element fires the window again).</summary>
    public WindowedCoGroup<T1, T2, TKey> AllowedLateness(TimeSpan lateness)
    {
        if (lateness < TimeSpan.Zero || lateness.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lateness), lateness, "The allowed lateness must be non-negative whole milliseconds.");
        }

        _spec.AllowedLateness = lateness;
        return this;
    }

    /// <summary>Calls <paramref name="coGroup"/> once per key and fired window with the elements of both streams.</summary>
    public DataStream<TOut> Apply<TOut>(Action<IEnumerable<T1>, IEnumerable<T2>, Collector<TOut>> coGroup)
    {
        ArgumentNullException.ThrowIfNull(coGroup);
        return _spec.Build(coGroup, "CoGroup");
    }
}
