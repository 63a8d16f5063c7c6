namespace Sluice.Runtime.Operators.Windowing;

/// <summary>
/// A half-open interval of event time, <c>[Start, End)</c>, in epoch milliseconds: the window of a time-window
/// aggregation. <see cref="MaxTimestamp"/> (<c>End - 1</c>) is the largest timestamp inside the window; results of
/// the window carry it as their event time, and the window fires when the watermark reaches it.
/// </summary>
/// <param name="Start">The first millisecond in the window (inclusive).</param>
/// <param name="End">The first millisecond after the window (exclusive).</param>
public readonly record struct TimeWindow(long Start, long End)
{
    /// <summary>The largest timestamp inside the window: <c>End - 1</c>.</summary>
    public long MaxTimestamp => End - 1;

    /// <summary>
    /// The start of the tumbling window of <paramref name="size"/> milliseconds, shifted by <paramref name="offset"/>,
    /// that contains <paramref name="timestamp"/>: <c>timestamp - ((timestamp - offset) mod size)</c> with a floored
    /// modulo, so negative timestamps (before 1970) fall into the window below them, as they do in Flink.
    /// </summary>
    /// <param name="timestamp">The event time, epoch milliseconds.</param>
    /// <param name="offset">The offset of window starts from the epoch, <c>|offset| &lt; size</c>.</param>
    /// <param name="size">The window size in milliseconds, greater than zero.</param>
    public static long StartOf(long timestamp, long offset, long size)
    {
        var remainder = (timestamp - offset) % size;
        if (remainder < 0)
        {
            remainder += size;
        }

        return timestamp - remainder;
    }

    /// <inheritdoc />
    public override string ToString() => $"[{Start}, {End})";
}
