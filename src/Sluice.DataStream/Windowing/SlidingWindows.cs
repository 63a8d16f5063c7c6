using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>The window arithmetic shared by the sliding assigners.</summary>
internal static class SlidingWindows
{
    public static (long Size, long Slide, long Offset) Validate(TimeSpan size, TimeSpan slide, TimeSpan offset)
    {
        static long Ms(TimeSpan v, string name)
        {
            if (v.Ticks % TimeSpan.TicksPerMillisecond != 0)
            {
                throw new ArgumentException($"{name} must be a whole number of milliseconds; it is {v}.", name);
            }

            return v.Ticks / TimeSpan.TicksPerMillisecond;
        }

        var s = Ms(size, nameof(size));
        var sl = Ms(slide, nameof(slide));
        var o = Ms(offset, nameof(offset));
        if (s <= 0 || sl <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), "The size and the slide must be positive.");
        }

        if (Math.Abs(o) >= sl)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset must satisfy |offset| < slide.");
        }

        return (s, sl, o);
    }

    /// <summary>Every window <c>[start, start + size)</c> with start a multiple of slide (plus offset) that contains the time, latest first.</summary>
    public static void Assign(long timestamp, long size, long slide, long offset, List<TimeWindow> windows)
    {
        var lastStart = TimeWindow.StartOf(timestamp, offset, slide);
        for (var start = lastStart; start > timestamp - size; start -= slide)
        {
            windows.Add(new TimeWindow(start, start + size));
        }
    }
}
