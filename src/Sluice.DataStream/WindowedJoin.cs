using Sluice.DataStream.Functions;
using Sluice.DataStream.Joining;
using Sluice.DataStream.Windowing;

namespace Sluice.DataStream;

/// <summary>
/// A window join (Flink's semantics): when a window fires, every pair of a first-stream and a second-stream element with
/// the same key in that window is joined (an inner join; a key with elements on one side only produces nothing). Results
/// carry the window's max timestamp as event time.
/// </summary>
/// <remarks>Both streams are tagged, unioned, keyed and windowed; the window operator keeps the elements in keyed
/// state, so a join is checkpointed and rescaled like any keyed window.</remarks>
/// <typeparam name="T1">The first stream's element type.</typeparam>
/// <typeparam name="T2">The second stream's element type.</typeparam>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class WindowedJoin<T1, T2, TKey>
    where TKey : notnull
{
    private readonly TwoInputWindowSpec<T1, T2, TKey> _spec;

    internal WindowedJoin(TwoInputWindowSpec<T1, T2, TKey> spec)
    {
        _spec = spec;
    }

    /// <summary>Replaces the assigner's default trigger.</summary>
    public WindowedJoin<T1, T2, TKey> Trigger(Trigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        _spec.Trigger = trigger;
        return this;
    }

    /// <summary>Keeps event-time windows for <paramref name="lateness"/> after their end (a late element fires the window again).</summary>
    public WindowedJoin<T1, T2, TKey> AllowedLateness(TimeSpan lateness)
    {
        if (lateness < TimeSpan.Zero || lateness.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lateness), lateness, "The allowed lateness must be non-negative whole milliseconds.");
        }

        _spec.AllowedLateness = lateness;
        return this;
    }

    /// <summary>Joins every pair with <paramref name="join"/>.</summary>
    public DataStream<TOut> Apply<TOut>(Func<T1, T2, TOut> join)
    {
        ArgumentNullException.ThrowIfNull(join);
        return _spec.Build<TOut>((firsts, seconds, output) =>
        {
            foreach (var a in firsts)
            {
                foreach (var b in seconds)
                {
                    output.Collect(join(a, b));
                }
            }
        }, "WindowJoin");
    }

    /// <summary>Joins every pair with <paramref name="join"/>, which may emit any number of results per pair (Flink's flat join).</summary>
    public DataStream<TOut> Apply<TOut>(Action<T1, T2, Collector<TOut>> join)
    {
        ArgumentNullException.ThrowIfNull(join);
        return _spec.Build<TOut>((firsts, seconds, output) =>
        {
            foreach (var a in firsts)
            {
                foreach (var b in seconds)
                {
                    join(a, b, output);
                }
            }
        }, "WindowJoin");
    }
}
