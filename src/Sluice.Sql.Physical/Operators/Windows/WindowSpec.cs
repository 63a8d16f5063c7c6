using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Operators.Windows;

/// <summary>
/// An aligned window of Flink's windowing table functions: <c>TUMBLE(size, offset)</c>, <c>HOP(slide, size, offset)</c>
/// or <c>CUMULATE(step, size, offset)</c>, in whole milliseconds. Windows are half-open, <c>[start, end)</c>; a
/// timestamp t belongs to the windows listed by <see cref="AssignWindows"/>. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para><b>Alignment.</b> Window starts are aligned to the epoch shifted by the offset:
/// <c>start = t - ((t - offset) mod unit)</c> with a floored modulo (so timestamps before 1970 work), where the unit is
/// the size (TUMBLE, and CUMULATE's window start), or the slide (HOP's last start). Boundaries are computed in UTC: a
/// session time zone shift (Flink's windows of <c>TIMESTAMP_LTZ</c> aligned to local days) is not applied yet.</para>
/// <para><b>Windows of a timestamp</b> (Flink's assigners, in their order): TUMBLE one window; HOP the windows starting
/// at the last start ≤ t and every slide before it while <c>start &gt; t - size</c> (latest first); CUMULATE the windows
/// <c>[start, start + k·step)</c> for k = 1..size/step with <c>end &gt; t</c> (shortest first).</para>
/// </remarks>
public sealed record WindowSpec
{
    private WindowSpec(WindowKind kind, long size, long step, long offset)
    {
        Kind = kind;
        SizeMillis = size;
        StepMillis = step;
        OffsetMillis = offset;
    }

    /// <summary><see cref="WindowKind.Tumble"/>, <see cref="WindowKind.Hop"/> or <see cref="WindowKind.Cumulate"/>.</summary>
    public WindowKind Kind { get; }

    /// <summary>The window size (the maximum size for CUMULATE), milliseconds.</summary>
    public long SizeMillis { get; }

    /// <summary>The slide of HOP or the step of CUMULATE; the size for TUMBLE. Milliseconds.</summary>
    public long StepMillis { get; }

    /// <summary>The offset of the alignment from the epoch, milliseconds.</summary>
    public long OffsetMillis { get; }

    /// <summary>The largest number of windows one timestamp belongs to.</summary>
    public int MaxWindowsPerRow => Kind switch
    {
        WindowKind.Tumble => 1,
        WindowKind.Hop => (int)Math.Min(int.MaxValue, (SizeMillis + StepMillis - 1) / StepMillis),
        _ => (int)Math.Min(int.MaxValue, SizeMillis / StepMillis),
    };

    /// <summary><c>TUMBLE(size [, offset])</c>.</summary>
    /// <exception cref="ArgumentException">The size is not a positive whole number of milliseconds, or the offset not whole milliseconds.</exception>
    public static WindowSpec Tumble(TimeSpan size, TimeSpan offset = default)
    {
        var s = Positive(size, nameof(size));
        return new WindowSpec(WindowKind.Tumble, s, s, Whole(offset, nameof(offset)));
    }

    /// <summary><c>HOP(slide, size [, offset])</c>: windows of <paramref name="size"/> starting every <paramref name="slide"/>.</summary>
    /// <exception cref="ArgumentException">The slide or size is not a positive whole number of milliseconds.</exception>
    public static WindowSpec Hop(TimeSpan slide, TimeSpan size, TimeSpan offset = default) =>
        new(WindowKind.Hop, Positive(size, nameof(size)), Positive(slide, nameof(slide)), Whole(offset, nameof(offset)));

    /// <summary><c>CUMULATE(step, size [, offset])</c>: windows growing by <paramref name="step"/> up to <paramref name="size"/>.</summary>
    /// <exception cref="ArgumentException">The step or size is not positive whole milliseconds, or the size is not a multiple of the step (as Flink requires).</exception>
    public static WindowSpec Cumulate(TimeSpan step, TimeSpan size, TimeSpan offset = default)
    {
        var st = Positive(step, nameof(step));
        var si = Positive(size, nameof(size));
        if (si % st != 0)
        {
            throw new ArgumentException($"A CUMULATE window's size ({size}) must be a whole multiple of its step ({step}).", nameof(size));
        }

        return new WindowSpec(WindowKind.Cumulate, si, st, Whole(offset, nameof(offset)));
    }

    /// <summary>Appends the windows <paramref name="timestamp"/> (epoch milliseconds) belongs to, in Flink's order.</summary>
    public void AssignWindows(long timestamp, List<(long Start, long End)> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        switch (Kind)
        {
            case WindowKind.Tumble:
            {
                var start = StartOf(timestamp, SizeMillis);
                windows.Add((start, start + SizeMillis));
                break;
            }

            case WindowKind.Hop:
                for (var start = StartOf(timestamp, StepMillis); start > timestamp - SizeMillis; start -= StepMillis)
                {
                    windows.Add((start, start + SizeMillis));
                }

                break;
            default:
            {
                var start = StartOf(timestamp, SizeMillis);
                for (var end = start + StepMillis; end <= start + SizeMillis; end += StepMillis)
                {
                    if (end > timestamp)
                    {
                        windows.Add((start, end));
                    }
                }

                break;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        WindowKind.Tumble => $"TUMBLE(size={SizeMillis} ms, offset={OffsetMillis} ms)",
        WindowKind.Hop => $"HOP(slide={StepMillis} ms, size={SizeMillis} ms, offset={OffsetMillis} ms)",
        _ => $"CUMULATE(step={StepMillis} ms, size={SizeMillis} ms, offset={OffsetMillis} ms)",
    };

    private long StartOf(long timestamp, long unit) => timestamp - FloorMod(timestamp - OffsetMillis, unit);

    private static long FloorMod(long value, long divisor)
    {
        var remainder = value % divisor;
        return remainder < 0 ? remainder + divisor : remainder;
    }

    private static long Positive(TimeSpan value, string name)
    {
        var millis = Whole(value, name);
        if (millis <= 0)
        {
            throw new ArgumentException($"The window {name} must be positive, not {value}.", name);
        }

        return millis;
    }

    private static long Whole(TimeSpan value, string name)
    {
        if (value.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"The window {name} must be a whole number of milliseconds, not {value}.", name);
        }

        return value.Ticks / TimeSpan.TicksPerMillisecond;
    }
}
