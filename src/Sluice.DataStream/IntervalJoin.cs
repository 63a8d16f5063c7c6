namespace Sluice.DataStream;

/// <summary>Two keyed streams to be joined by an event-time interval (<see cref="KeyedStream{TKey, T}.IntervalJoin{T2}"/>): give the interval.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="T1">The first stream's element type.</typeparam>
/// <typeparam name="T2">The second stream's element type.</typeparam>
public sealed class IntervalJoin<TKey, T1, T2>
    where TKey : notnull
{
    private readonly KeyedStream<TKey, T1> _first;
    private readonly KeyedStream<TKey, T2> _second;

    internal IntervalJoin(KeyedStream<TKey, T1> first, KeyedStream<TKey, T2> second)
    {
        _first = first;
        _second = second;
    }

    /// <summary>
    /// A first-stream element at event time <c>t</c> joins the second-stream elements of the same key with event times in
    /// <c>[t + lower, t + upper]</c> (both bounds inclusive unless made exclusive). Whole milliseconds, <c>lower &lt;= upper</c>.
    /// </summary>
    public IntervalJoined<TKey, T1, T2> Between(TimeSpan lower, TimeSpan upper)
    {
        if (lower.Ticks % TimeSpan.TicksPerMillisecond != 0 || upper.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException("The interval bounds must be whole milliseconds.", nameof(lower));
        }

        if (lower > upper)
        {
            throw new ArgumentOutOfRangeException(nameof(lower), lower, $"The lower bound must not be after the upper bound ({upper}).");
        }

        return new IntervalJoined<TKey, T1, T2>(_first, _second, (long)lower.TotalMilliseconds, (long)upper.TotalMilliseconds);
    }
}
