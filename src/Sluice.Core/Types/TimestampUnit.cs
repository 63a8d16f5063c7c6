using System.Globalization;
using Sluice.Core.Errors;

namespace Sluice.Core.Types;

/// <summary>
/// The one place that knows the unit of a stored timestamp. <c>TIMESTAMP(p)</c> and <c>TIMESTAMP_LTZ(p)</c> are 64-bit
/// integers counted from 1970-01-01T00:00: in <b>microseconds</b> for p = 0..6 and in <b>nanoseconds</b> for p = 7..9
/// (Arrow's <c>timestamp[ns]</c>), so a nanosecond timestamp lies in <see cref="NanosRangeText"/>. Every other temporal
/// type (<c>TIME</c>, <c>INTERVAL DAY TO SECOND</c>) keeps microseconds. Conversions from nanoseconds to microseconds
/// floor (toward the earlier instant); conversions the other way are checked and fail with a user error naming the
/// value and the range. Stateless and thread-safe.
/// </summary>
public static class TimestampUnit
{
    /// <summary>The highest precision stored in microseconds; higher precisions are stored in nanoseconds.</summary>
    public const int MaxMicrosPrecision = 6;

    /// <summary>Nanoseconds per microsecond.</summary>
    public const long NanosPerMicro = 1000;

    /// <summary>Microseconds per second.</summary>
    public const long MicrosPerSecond = 1_000_000;

    /// <summary>Nanoseconds per second.</summary>
    public const long NanosPerSecond = 1_000_000_000;

    /// <summary>The instants a nanosecond timestamp can hold (those of a signed 64-bit count of nanoseconds since 1970).</summary>
    public const string NanosRangeText = "1677-09-21 00:12:43.145224192 to 2262-04-11 23:47:16.854775807";

    private const long MinNanosMicros = long.MinValue / NanosPerMicro - 1; // -9223372036854776 (floor of MinValue / 1000)
    private const long MaxNanosMicros = long.MaxValue / NanosPerMicro; // 9223372036854775

    /// <summary>True when values of <paramref name="type"/> are stored in nanoseconds (a timestamp of precision 7..9).</summary>
    public static bool IsNanos(DataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.TypeId is TypeId.Timestamp or TypeId.TimestampLtz && type.Precision > MaxMicrosPrecision;
    }

    /// <summary>True when a timestamp of <paramref name="precision"/> is stored in nanoseconds (7..9).</summary>
    public static bool IsNanosPrecision(int precision) => precision > MaxMicrosPrecision;

    /// <summary>Stored units per second of a timestamp of <paramref name="precision"/>: 10⁶, or 10⁹ above 6.</summary>
    public static long TicksPerSecond(int precision) => IsNanosPrecision(precision) ? NanosPerSecond : MicrosPerSecond;

    /// <summary>Stored units per microsecond of <paramref name="type"/>: 1000 for a nanosecond timestamp, else 1.</summary>
    public static long UnitsPerMicro(DataType type) => IsNanos(type) ? NanosPerMicro : 1;

    /// <summary>
    /// The stored unit of the last digit of <paramref name="precision"/> fraction digits (0..9), in the storage unit of
    /// a timestamp of that precision: 10^(6 - p) microseconds, or 10^(9 - p) nanoseconds.
    /// </summary>
    public static long TruncationUnit(int precision) =>
        (long)Decimals.Pow10((IsNanosPrecision(precision) ? 9 : MaxMicrosPrecision) - Math.Min(precision, 9));

    /// <summary>
    /// <paramref name="value"/> (stored with <paramref name="precision"/>'s unit) truncated toward the earlier instant to
    /// <paramref name="precision"/> fraction digits.
    /// </summary>
    public static long Truncate(long value, int precision)
    {
        var unit = TruncationUnit(precision);
        return unit == 1 ? value : FloorDiv(value, unit) * unit;
    }

    /// <summary>The microsecond (floored) of a value stored as <paramref name="type"/>.</summary>
    public static long ToMicros(long value, DataType type) => IsNanos(type) ? FloorDiv(value, NanosPerMicro) : value;

    /// <summary>The nanoseconds (0..999) past the microsecond of a value stored as <paramref name="type"/>; 0 for microseconds.</summary>
    public static int NanoOfMicro(long value, DataType type) => IsNanos(type) ? (int)FloorMod(value, NanosPerMicro) : 0;

    /// <summary>
    /// The value of <paramref name="type"/> of the microsecond <paramref name="micros"/> plus <paramref name="nanoOfMicro"/>
    /// nanoseconds (dropped for a microsecond type).
    /// </summary>
    /// <exception cref="SluiceException">A nanosecond type, and the instant is outside <see cref="NanosRangeText"/>.</exception>
    public static long FromMicros(long micros, DataType type, int nanoOfMicro = 0) =>
        IsNanos(type) ? MicrosToNanos(micros, nanoOfMicro) : micros;

    /// <summary>As <see cref="FromMicros"/>, but false instead of an error for an instant out of range.</summary>
    public static bool TryFromMicros(long micros, DataType type, int nanoOfMicro, out long value)
    {
        if (!IsNanos(type))
        {
            value = micros;
            return true;
        }

        return TryMicrosToNanos(micros, nanoOfMicro, out value);
    }

    /// <summary>Nanoseconds of <paramref name="micros"/> microseconds plus <paramref name="nanoOfMicro"/> (0..999) nanoseconds.</summary>
    /// <exception cref="SluiceException">The instant is outside <see cref="NanosRangeText"/>.</exception>
    public static long MicrosToNanos(long micros, int nanoOfMicro = 0) =>
        TryMicrosToNanos(micros, nanoOfMicro, out var nanos) ? nanos : throw OutOfRange(micros, nanoOfMicro);

    /// <summary>As <see cref="MicrosToNanos"/>, but false instead of an error for an instant out of range.</summary>
    public static bool TryMicrosToNanos(long micros, int nanoOfMicro, out long nanos)
    {
        if (micros is < MinNanosMicros or > MaxNanosMicros)
        {
            nanos = 0;
            return false;
        }

        var value = (Int128)micros * NanosPerMicro + nanoOfMicro;
        if (value < long.MinValue || value > long.MaxValue)
        {
            nanos = 0;
            return false;
        }

        nanos = (long)value;
        return true;
    }

    /// <summary>
    /// A timestamp value stored as <paramref name="from"/> in the unit of <paramref name="to"/> (both timestamps, or
    /// <paramref name="to"/> any microsecond type): floored from nanoseconds, checked into nanoseconds. The fraction is
    /// not truncated to <paramref name="to"/>'s precision (see <see cref="Truncate"/>).
    /// </summary>
    /// <exception cref="SluiceException">Into nanoseconds, and the instant is outside <see cref="NanosRangeText"/>.</exception>
    public static long Convert(long value, DataType from, DataType to)
    {
        var fromNanos = IsNanos(from);
        var toNanos = IsNanos(to);
        if (fromNanos == toNanos)
        {
            return value;
        }

        return fromNanos ? FloorDiv(value, NanosPerMicro) : MicrosToNanos(value);
    }

    /// <summary>True when a vector of <paramref name="from"/> holds the same values as one of <paramref name="to"/> would.</summary>
    public static bool SameUnit(DataType from, DataType to) => IsNanos(from) == IsNanos(to);

    /// <summary>The user error of an instant that a nanosecond timestamp cannot hold, naming it and the range.</summary>
    public static SluiceException OutOfRange(long micros, int nanoOfMicro) =>
        new($"The timestamp {DescribeMicros(micros, nanoOfMicro)} is out of the range of TIMESTAMP(7..9) and TIMESTAMP_LTZ(7..9) "
            + $"({NanosRangeText}).", ErrorDomain.User);

    /// <summary>The user error of a timestamp text whose instant a nanosecond timestamp cannot hold.</summary>
    public static SluiceException OutOfRange(string text) =>
        new($"The timestamp '{text}' is out of the range of TIMESTAMP(7..9) and TIMESTAMP_LTZ(7..9) ({NanosRangeText}).",
            ErrorDomain.User);

    private static string DescribeMicros(long micros, int nanoOfMicro)
    {
        var ticks = DateTime.UnixEpoch.Ticks + (Int128)micros * 10;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return micros.ToString(CultureInfo.InvariantCulture) + " µs since 1970-01-01";
        }

        var time = new DateTime((long)ticks, DateTimeKind.Unspecified);
        var fraction = FloorMod(micros, MicrosPerSecond) * NanosPerMicro + nanoOfMicro;
        return time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "."
            + fraction.ToString("D9", CultureInfo.InvariantCulture);
    }

    /// <summary>Division rounded toward negative infinity (positive divisor).</summary>
    private static long FloorDiv(long value, long divisor)
    {
        var quotient = value / divisor;
        return value % divisor < 0 ? quotient - 1 : quotient;
    }

    /// <summary>The non-negative remainder of <see cref="FloorDiv"/>.</summary>
    private static long FloorMod(long value, long divisor)
    {
        var remainder = value % divisor;
        return remainder < 0 ? remainder + divisor : remainder;
    }
}
