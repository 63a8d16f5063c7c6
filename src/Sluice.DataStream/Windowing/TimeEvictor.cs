using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// Keeps the elements of the last <c>span</c> of event time: with <c>t</c> the largest event time in the window, an
/// element with event time <c>&lt;= t - span</c> is removed (Flink's <c>TimeEvictor</c>). Elements without event time
/// are kept.
/// </summary>
public sealed class TimeEvictor : Evictor
{
    private readonly long _span;
    private readonly bool _after;

    private TimeEvictor(long span, bool after)
    {
        _span = span;
        _after = after;
    }

    /// <summary>Keeps the last <paramref name="span"/> of event time, before the window function runs or, with <paramref name="evictAfter"/>, after.</summary>
    public static TimeEvictor Of(TimeSpan span, bool evictAfter = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(span.Ticks);
        return new TimeEvictor(span.Ticks / TimeSpan.TicksPerMillisecond, evictAfter);
    }

    /// <inheritdoc />
    public override void EvictBefore<T>(List<TimestampedValue<T>> elements, TimeWindow window, long currentWatermark)
    {
        if (!_after)
        {
            Evict(elements);
        }
    }

    /// <inheritdoc />
    public override void EvictAfter<T>(List<TimestampedValue<T>> elements, TimeWindow window, long currentWatermark)
    {
        if (_after)
        {
            Evict(elements);
        }
    }

    private void Evict<T>(List<TimestampedValue<T>> elements)
    {
        var max = long.MinValue;
        foreach (var e in elements)
        {
            max = Math.Max(max, e.Timestamp);
        }

        if (max == long.MinValue)
        {
            return;
        }

        var cutoff = max - _span;
        elements.RemoveAll(e => e.Timestamp != long.MinValue && e.Timestamp <= cutoff);
    }
}
