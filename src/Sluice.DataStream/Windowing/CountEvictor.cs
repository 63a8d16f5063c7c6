using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>Keeps at most the last <c>n</c> elements of a window (the oldest arrivals are removed).</summary>
public sealed class CountEvictor : Evictor
{
    private readonly int _max;
    private readonly bool _after;

    private CountEvictor(int max, bool after)
    {
        _max = max;
        _after = after;
    }

    /// <summary>Keeps the last <paramref name="maxCount"/> elements, before the window function runs or, with <paramref name="evictAfter"/>, after.</summary>
    public static CountEvictor Of(int maxCount, bool evictAfter = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        return new CountEvictor(maxCount, evictAfter);
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
        if (elements.Count > _max)
        {
            elements.RemoveRange(0, elements.Count - _max);
        }
    }
}
