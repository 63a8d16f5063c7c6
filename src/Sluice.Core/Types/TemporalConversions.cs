namespace Sluice.Core.Types;

/// <summary>
/// Conversions between .NET date and time values and the integers that store <c>DATE</c> (days since
/// 1970-01-01), <c>TIME</c> (microseconds of the day), <c>TIMESTAMP</c>/<c>TIMESTAMP_LTZ</c> (microseconds
/// since the epoch; nanoseconds at precision 7..9, see <see cref="TimestampUnit"/>) and <c>INTERVAL DAY TO SECOND</c> (microseconds). Sub-microsecond ticks are truncated
/// toward negative infinity. Stateless and thread-safe.
/// </summary>
public static class TemporalConversions
{
    /// <summary>Microseconds per millisecond.</summary>
    public const long MicrosPerMilli = 1000;

    private const long TicksPerMicro = TimeSpan.TicksPerMillisecond / MicrosPerMilli;
    private const long NanosPerTick = 100;
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>Days since 1970-01-01 of <paramref name="date"/>.</summary>
    public static int ToEpochDays(DateOnly date) => date.DayNumber - EpochDayNumber;

    /// <summary>The date <paramref name="epochDays"/> days after 1970-01-01.</summary>
    public static DateOnly FromEpochDays(int epochDays) => DateOnly.FromDayNumber(epochDays + EpochDayNumber);

    /// <summary>Microseconds of the day of <paramref name="time"/>.</summary>
    public static long ToMicrosOfDay(TimeOnly time) => time.Ticks / TicksPerMicro;

    /// <summary>The time of day <paramref name="micros"/> microseconds after midnight.</summary>
    public static TimeOnly FromMicrosOfDay(long micros) => new(micros * TicksPerMicro);

    /// <summary>Microseconds since 1970-01-01T00:00 of <paramref name="value"/>, ignoring its kind.</summary>
    public static long ToEpochMicros(DateTime value) => FloorDiv(value.Ticks - DateTime.UnixEpoch.Ticks, TicksPerMicro);

    /// <summary>Microseconds since 1970-01-01T00:00Z of the instant <paramref name="value"/>.</summary>
    public static long ToEpochMicros(DateTimeOffset value) => FloorDiv(value.UtcTicks - DateTime.UnixEpoch.Ticks, TicksPerMicro);

    /// <summary>The date-time (kind <see cref="DateTimeKind.Unspecified"/>) of a <c>TIMESTAMP</c> value.</summary>
    public static DateTime ToDateTime(long epochMicros) =>
        new(DateTime.UnixEpoch.Ticks + (epochMicros * TicksPerMicro), DateTimeKind.Unspecified);

    /// <summary>The instant (offset zero) of a <c>TIMESTAMP_LTZ</c> value.</summary>
    public static DateTimeOffset ToDateTimeOffset(long epochMicros) =>
        new(DateTime.UnixEpoch.Ticks + (epochMicros * TicksPerMicro), TimeSpan.Zero);

    /// <summary>
    /// Nanoseconds since 1970-01-01T00:00 of .NET <paramref name="ticks"/> (100 ns since 0001-01-01), the storage of
    /// <c>TIMESTAMP(7..9)</c> (see <see cref="TimestampUnit"/>).
    /// </summary>
    /// <exception cref="Errors.SluiceException">The instant is outside <see cref="TimestampUnit.NanosRangeText"/>.</exception>
    public static long TicksToEpochNanos(long ticks)
    {
        var nanos = ((Int128)ticks - DateTime.UnixEpoch.Ticks) * NanosPerTick;
        if (nanos < long.MinValue || nanos > long.MaxValue)
        {
            var micros = FloorDiv(ticks - DateTime.UnixEpoch.Ticks, TicksPerMicro);
            throw TimestampUnit.OutOfRange(micros, (int)((ticks - DateTime.UnixEpoch.Ticks - (micros * TicksPerMicro)) * NanosPerTick));
        }

        return (long)nanos;
    }

    /// <summary>The date-time (kind <see cref="DateTimeKind.Unspecified"/>) of a <c>TIMESTAMP(7..9)</c> value (nanoseconds, floored to 100 ns).</summary>
    public static DateTime NanosToDateTime(long epochNanos) =>
        new(DateTime.UnixEpoch.Ticks + FloorDiv(epochNanos, NanosPerTick), DateTimeKind.Unspecified);

    /// <summary>The instant (offset zero) of a <c>TIMESTAMP_LTZ(7..9)</c> value (nanoseconds, floored to 100 ns).</summary>
    public static DateTimeOffset NanosToDateTimeOffset(long epochNanos) =>
        new(DateTime.UnixEpoch.Ticks + FloorDiv(epochNanos, NanosPerTick), TimeSpan.Zero);

    /// <summary>Microseconds of a duration.</summary>
    public static long ToMicros(TimeSpan value) => FloorDiv(value.Ticks, TicksPerMicro);

    /// <summary>The duration of <paramref name="micros"/> microseconds.</summary>
    public static TimeSpan FromMicros(long micros) => TimeSpan.FromTicks(micros * TicksPerMicro);

    /// <summary>Epoch milliseconds of epoch microseconds, rounded toward negative infinity.</summary>
    public static long MicrosToMillis(long micros) => FloorDiv(micros, MicrosPerMilli);

    /// <summary>Division rounded toward negative infinity (for a positive divisor).</summary>
    public static long FloorDiv(long value, long divisor)
    {
        var quotient = value / divisor;
        return value % divisor < 0 ? quotient - 1 : quotient;
    }
}
