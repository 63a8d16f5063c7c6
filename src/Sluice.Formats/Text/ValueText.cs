using System.Globalization;
using System.Text;
using Sluice.Core.Types;

namespace Sluice.Formats.Text;

/// <summary>
/// Text of SQL values as Flink writes them, for formats and the print connector: numbers as Java prints them
/// (<c>1.0</c>, <c>1.0E10</c>), decimals in plain notation with their scale (<c>12.30</c>), dates, times and
/// timestamps in SQL notation (<c>2024-05-01 12:30:00.123</c>) and intervals as SQL prints them (<c>+1-02</c>,
/// <c>+3 04:05:06.000000</c>). Values are given in their storage form (see <see cref="Sluice.Core.Vectors.ColumnVectorBuilder"/>).
/// Stateless and thread-safe.
/// </summary>
public static class ValueText
{
    /// <summary>Fraction digits: as many as needed (trailing zeros dropped, none for a whole second).</summary>
    public const int MinimalFraction = -1;

    private const long MicrosPerSecond = 1_000_000;
    private const long MicrosPerDay = 86_400 * MicrosPerSecond;

    /// <summary>Appends a DOUBLE as Java's <c>Double.toString</c> does (<c>1.0</c>, <c>0.001</c>, <c>1.0E7</c>, <c>NaN</c>).</summary>
    public static void AppendDouble(StringBuilder builder, double value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (double.IsNaN(value) || double.IsInfinity(value) || value == 0)
        {
            AppendSpecial(builder, value, double.IsNegative(value));
            return;
        }

        AppendJavaStyle(builder, value.ToString("R", CultureInfo.InvariantCulture), value);
    }

    /// <summary>Appends a FLOAT as Java's <c>Float.toString</c> does.</summary>
    public static void AppendFloat(StringBuilder builder, float value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (float.IsNaN(value) || float.IsInfinity(value) || value == 0)
        {
            AppendSpecial(builder, value, float.IsNegative(value));
            return;
        }

        AppendJavaStyle(builder, value.ToString("R", CultureInfo.InvariantCulture), value);
    }

    /// <summary>Appends a DECIMAL given as its unscaled value, in plain notation with exactly <paramref name="scale"/> fraction digits.</summary>
    public static void AppendDecimal(StringBuilder builder, Int128 unscaled, int scale)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // |unscaled| < 10^38 < 2^127: the negation cannot overflow.
        var negative = unscaled < 0;
        var digits = (negative ? -unscaled : unscaled).ToString(CultureInfo.InvariantCulture);
        if (negative)
        {
            builder.Append('-');
        }

        if (scale == 0)
        {
            builder.Append(digits);
            return;
        }

        if (digits.Length <= scale)
        {
            builder.Append("0.").Append('0', scale - digits.Length).Append(digits);
            return;
        }

        builder.Append(digits, 0, digits.Length - scale).Append('.').Append(digits, digits.Length - scale, scale);
    }

    /// <summary>Appends a DATE given as days since 1970-01-01: <c>yyyy-MM-dd</c>.</summary>
    public static void AppendDate(StringBuilder builder, int epochDays)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var date = TemporalConversions.FromEpochDays(epochDays);
        Append4(builder, date.Year).Append('-');
        Append2(builder, date.Month).Append('-');
        Append2(builder, date.Day);
    }

    /// <summary>
    /// Appends a TIME given as microseconds of the day: <c>HH:mm:ss</c> and a fraction of
    /// <paramref name="fractionDigits"/> digits (0..9), or <see cref="MinimalFraction"/>.
    /// </summary>
    public static void AppendTime(StringBuilder builder, long microsOfDay, int fractionDigits) =>
        AppendClock(builder, microsOfDay, 0, fractionDigits);

    private static void AppendClock(StringBuilder builder, long microsOfDay, int nanoOfMicro, int fractionDigits)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var seconds = microsOfDay / MicrosPerSecond;
        Append2(builder, (int)(seconds / 3600)).Append(':');
        Append2(builder, (int)(seconds / 60 % 60)).Append(':');
        Append2(builder, (int)(seconds % 60));
        AppendFraction(builder, (int)(microsOfDay % MicrosPerSecond * 1000) + nanoOfMicro, fractionDigits);
    }

    /// <summary>
    /// Appends a TIMESTAMP given as microseconds since 1970-01-01T00:00: the date, <paramref name="separator"/>
    /// (<c>' '</c> in SQL notation, <c>'T'</c> in ISO-8601) and the time (see <see cref="AppendTime"/>).
    /// </summary>
    public static void AppendTimestamp(StringBuilder builder, long epochMicros, int fractionDigits, char separator = ' ') =>
        AppendDateTime(builder, epochMicros, 0, fractionDigits, separator);

    /// <summary>
    /// Appends a stored value of the timestamp type <paramref name="type"/> (microseconds, or nanoseconds at precision
    /// 7..9, see <see cref="TimestampUnit"/>) as <see cref="AppendTimestamp(StringBuilder, long, int, char)"/> does, with
    /// up to nine fraction digits.
    /// </summary>
    public static void AppendTimestamp(StringBuilder builder, long value, DataType type, int fractionDigits, char separator = ' ')
    {
        ArgumentNullException.ThrowIfNull(type);
        AppendDateTime(builder, TimestampUnit.ToMicros(value, type), TimestampUnit.NanoOfMicro(value, type), fractionDigits, separator);
    }

    private static void AppendDateTime(StringBuilder builder, long epochMicros, int nanoOfMicro, int fractionDigits, char separator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var days = TemporalConversions.FloorDiv(epochMicros, MicrosPerDay);
        AppendDate(builder, checked((int)days));
        builder.Append(separator);
        AppendClock(builder, epochMicros - (days * MicrosPerDay), nanoOfMicro, fractionDigits);
    }

    /// <summary>Appends an INTERVAL YEAR TO MONTH given in months, as SQL prints it: <c>+1-02</c>, <c>-0-06</c>.</summary>
    public static void AppendIntervalYearMonth(StringBuilder builder, int months)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var magnitude = Math.Abs((long)months);
        builder.Append(months < 0 ? '-' : '+').Append((magnitude / 12).ToString(CultureInfo.InvariantCulture)).Append('-');
        Append2(builder, (int)(magnitude % 12));
    }

    /// <summary>
    /// Appends an INTERVAL DAY TO SECOND given in microseconds, as SQL prints it: <c>+1 02:03:04.500000</c>, with
    /// <paramref name="fractionDigits"/> fraction digits (0..9, or <see cref="MinimalFraction"/>).
    /// </summary>
    public static void AppendIntervalDayTime(StringBuilder builder, long micros, int fractionDigits)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var magnitude = micros == long.MinValue ? (UInt128)long.MaxValue + 1 : (UInt128)Math.Abs(micros);
        builder.Append(micros < 0 ? '-' : '+').Append((magnitude / (UInt128)MicrosPerDay).ToString(CultureInfo.InvariantCulture)).Append(' ');
        AppendTime(builder, (long)(magnitude % (UInt128)MicrosPerDay), fractionDigits);
    }

    /// <summary>
    /// Appends the value at <paramref name="index"/> (not null) of a scalar, string or binary column as the text
    /// formats write it: <c>true</c>, <c>42</c>, <c>1.0</c>, <c>12.30</c>, the string itself, BYTES in base64, DATE
    /// <c>yyyy-MM-dd</c>, TIME/TIMESTAMP with the fraction digits needed, TIMESTAMP_LTZ in UTC ending in <c>Z</c>, intervals
    /// as SQL prints them.
    /// </summary>
    /// <exception cref="InvalidOperationException">The column is of a nested type.</exception>
    public static void AppendScalar(StringBuilder builder, Sluice.Core.Vectors.ColumnVector vector, int index, char timestampSeparator = ' ')
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(vector);
        Common.CellText.Append(builder, vector, index, timestampSeparator);
    }

    /// <summary>Appends bytes as lower-case hexadecimal (two digits per byte).</summary>
    public static void AppendHex(StringBuilder builder, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var b in bytes)
        {
            builder.Append("0123456789abcdef"[b >> 4]).Append("0123456789abcdef"[b & 0xF]);
        }
    }

    /// <summary>
    /// Truncates microseconds toward negative infinity to <paramref name="precision"/> fraction digits (0..9; 6 and more
    /// keep every microsecond). For stored timestamps of any unit see <see cref="TimestampUnit.Truncate"/>.
    /// </summary>
    public static long TruncateMicros(long micros, int precision)
    {
        if (precision >= 6)
        {
            return micros;
        }

        var unit = (long)Decimals.Pow10(6 - precision);
        return TemporalConversions.FloorDiv(micros, unit) * unit;
    }

    private static void AppendSpecial(StringBuilder builder, double value, bool negative)
    {
        if (double.IsNaN(value))
        {
            builder.Append("NaN");
        }
        else if (double.IsInfinity(value))
        {
            builder.Append(negative ? "-Infinity" : "Infinity");
        }
        else
        {
            builder.Append(negative ? "-0.0" : "0.0");
        }
    }

    /// <summary>
    /// Rewrites .NET's shortest round-trip text (<c>1E+20</c>, <c>1.5E-05</c>, <c>123.45</c>) in Java's notation. Java
    /// writes at least two significant digits in scientific notation, choosing the nearest two-digit decimal
    /// (<c>4.9E-324</c>, not <c>5.0E-324</c>), so a one-digit shortest form is rounded again from <paramref name="exact"/>.
    /// </summary>
    private static void AppendJavaStyle(StringBuilder builder, string shortest, double exact)
    {
        var text = shortest.AsSpan();
        if (text[0] == '-')
        {
            builder.Append('-');
            text = text[1..];
        }

        // Split into significant digits and the decimal exponent of the first digit.
        var e = text.IndexOfAny('E', 'e');
        var exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var point = mantissa.IndexOf('.');
        var integerDigits = point < 0 ? mantissa.Length : point;
        Span<char> digits = stackalloc char[mantissa.Length];
        var count = 0;
        foreach (var c in mantissa)
        {
            if (c != '.')
            {
                digits[count++] = c;
            }
        }

        // Drop leading zeros (0.001 → digits "1", point moves).
        var lead = 0;
        while (lead < count - 1 && digits[lead] == '0')
        {
            lead++;
        }

        ReadOnlySpan<char> sig = digits[lead..count].TrimEnd('0'); // not empty: the value is not zero

        var decimalExponent = integerDigits - lead - 1 + exponent; // value = d.ddd × 10^decimalExponent
        if (decimalExponent is >= -3 and < 7)
        {
            if (decimalExponent < 0)
            {
                builder.Append("0.").Append('0', -decimalExponent - 1).Append(sig);
                return;
            }

            var whole = decimalExponent + 1;
            if (sig.Length <= whole)
            {
                builder.Append(sig).Append('0', whole - sig.Length).Append(".0");
            }
            else
            {
                builder.Append(sig[..whole]).Append('.').Append(sig[whole..]);
            }

            return;
        }

        if (sig.Length == 1)
        {
            var twoDigits = Math.Abs(exact).ToString("E1", CultureInfo.InvariantCulture); // d.dE±xxx
            var e1 = twoDigits.IndexOf('E', StringComparison.Ordinal);
            builder.Append(twoDigits[0]).Append('.').Append(twoDigits[2]).Append('E')
                .Append(int.Parse(twoDigits.AsSpan(e1 + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                    .ToString(CultureInfo.InvariantCulture));
            return;
        }

        builder.Append(sig[0]).Append('.').Append(sig[1..]);
        builder.Append('E').Append(decimalExponent.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Appends the fraction of a second given in nanoseconds (0..999 999 999).</summary>
    private static void AppendFraction(StringBuilder builder, int nanos, int fractionDigits)
    {
        if (fractionDigits == 0)
        {
            return;
        }

        Span<char> digits = stackalloc char[9];
        var value = nanos;
        for (var i = 8; i >= 0; i--)
        {
            digits[i] = (char)('0' + (value % 10));
            value /= 10;
        }

        var length = fractionDigits == MinimalFraction ? 9 : Math.Min(fractionDigits, 9);
        if (fractionDigits == MinimalFraction)
        {
            while (length > 0 && digits[length - 1] == '0')
            {
                length--;
            }

            if (length == 0)
            {
                return;
            }
        }

        builder.Append('.').Append(digits[..length]);
    }

    private static StringBuilder Append2(StringBuilder builder, int value) =>
        builder.Append((char)('0' + (value / 10 % 10))).Append((char)('0' + (value % 10)));

    private static StringBuilder Append4(StringBuilder builder, int value)
    {
        Append2(builder, value / 100);
        return Append2(builder, value % 100);
    }
}
