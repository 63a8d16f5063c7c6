using System.Globalization;
using System.Text;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Sql.Physical.Expressions;

namespace Sluice.Sql.Physical.Results;

/// <summary>
/// The text form of one value of a column, shared by every output format so that json, csv and the tables agree:
/// <list type="bullet">
/// <item>integers in decimal; <c>FLOAT</c>/<c>DOUBLE</c> as Java prints them (<see cref="JavaNumberText"/>);</item>
/// <item><c>DECIMAL(p, s)</c> with exactly s fractional digits (<c>11.00</c>);</item>
/// <item><c>DATE</c> <c>2024-01-31</c>; <c>TIME(p)</c> <c>10:00:00</c> plus p fractional digits when p &gt; 0;
/// <c>TIMESTAMP(p)</c> <c>2024-01-01 10:00:00.000</c> (p digits); <c>TIMESTAMP_LTZ(p)</c> the same in the session time
/// zone;</item>
/// <item><c>INTERVAL YEAR TO MONTH</c> <c>+1-06</c>; <c>INTERVAL DAY TO SECOND</c> <c>+2 10:00:00.000</c> (Flink keeps
/// milliseconds);</item>
/// <item><c>BOOLEAN</c> <c>true</c>/<c>false</c>; strings as they are; <c>BINARY</c>/<c>BYTES</c> in base64;</item>
/// <item><c>ARRAY</c>, <c>MULTISET</c>, <c>MAP</c>, <c>ROW</c> as compact JSON (<see cref="ResultJson"/>).</item>
/// </list>
/// SQL <c>NULL</c> has no text form (<see cref="Format"/> returns null); each format decides how to show it.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ResultText
{
    private const long MicrosPerSecond = 1_000_000;
    private const long MicrosPerDay = 86_400 * MicrosPerSecond;

    /// <summary>Creates the formatter for a session time zone.</summary>
    public ResultText(TimeZoneInfo localTimeZone)
    {
        LocalTimeZone = localTimeZone;
    }

    /// <summary>The text forms of values in <paramref name="session"/>'s time zone (<c>'table.local-time-zone'</c>).</summary>
    /// <exception cref="Sluice.Core.Errors.SluiceException">The option names no known zone (a user error).</exception>
    public static ResultText Of(Session.SqlSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new(session.LocalTimeZone);
    }

    /// <summary>Text forms with <c>TIMESTAMP_LTZ</c> shown in UTC.</summary>
    public static ResultText Utc { get; } = new(TimeZoneInfo.Utc);

    /// <summary>The zone in which <c>TIMESTAMP_LTZ</c> values are shown.</summary>
    public TimeZoneInfo LocalTimeZone { get; }

    /// <summary>The text of the value at <paramref name="row"/> (a physical row), or null when it is NULL.</summary>
    public string? Format(ColumnVector column, int row)
    {
        if (column.IsNull(row) || column.DataType.TypeId == TypeId.Null)
        {
            return null;
        }

        var type = column.DataType;
        return type.TypeId switch
        {
            TypeId.Boolean => ((BooleanVector)column)[row] ? "true" : "false",
            TypeId.TinyInt => ((PrimitiveVector<sbyte>)column)[row].ToString(CultureInfo.InvariantCulture),
            TypeId.SmallInt => ((PrimitiveVector<short>)column)[row].ToString(CultureInfo.InvariantCulture),
            TypeId.Int => ((PrimitiveVector<int>)column)[row].ToString(CultureInfo.InvariantCulture),
            TypeId.BigInt => ((PrimitiveVector<long>)column)[row].ToString(CultureInfo.InvariantCulture),
            TypeId.Float => JavaNumberText.Format(((PrimitiveVector<float>)column)[row]),
            TypeId.Double => JavaNumberText.Format(((PrimitiveVector<double>)column)[row]),
            TypeId.Decimal => type.PhysicalType == PhysicalType.Decimal64
                ? FormatDecimal(((PrimitiveVector<long>)column)[row], type.Scale)
                : FormatDecimal(((PrimitiveVector<Int128>)column)[row], type.Scale),
            TypeId.Char or TypeId.VarChar => ((BytesVector)column).GetString(row),
            TypeId.Binary or TypeId.VarBinary => Convert.ToBase64String(((BytesVector)column).GetBytes(row)),
            TypeId.Date => FormatDate(((PrimitiveVector<int>)column)[row]),
            TypeId.Time => FormatTime(((PrimitiveVector<long>)column)[row], type.Precision),
            TypeId.Timestamp => FormatTimestamp(TimestampUnit.ToMicros(((PrimitiveVector<long>)column)[row], type), type.Precision,
                TimestampUnit.NanoOfMicro(((PrimitiveVector<long>)column)[row], type)),
            TypeId.TimestampLtz => FormatInstant(TimestampUnit.ToMicros(((PrimitiveVector<long>)column)[row], type), type.Precision,
                TimestampUnit.NanoOfMicro(((PrimitiveVector<long>)column)[row], type)),
            TypeId.IntervalYearMonth => FormatYearMonthInterval(((PrimitiveVector<int>)column)[row]),
            TypeId.IntervalDayTime => FormatDayTimeInterval(((PrimitiveVector<long>)column)[row]),
            TypeId.Array or TypeId.Multiset or TypeId.Map or TypeId.Row => ResultJson.ToJson(this, column, row),
            TypeId.Variant => Core.Variants.VariantJson.ToJson(((BytesVector)column).GetBytes(row)),
            _ => throw new NotSupportedException($"Cannot show values of {type}."),
        };
    }

    /// <summary>An unscaled decimal with exactly <paramref name="scale"/> fractional digits.</summary>
    public static string FormatDecimal(Int128 unscaled, int scale)
    {
        var negative = unscaled < 0;
        var digits = (negative ? -unscaled : unscaled).ToString(CultureInfo.InvariantCulture);
        if (scale == 0)
        {
            return negative ? "-" + digits : digits;
        }

        digits = digits.PadLeft(scale + 1, '0');
        var builder = new StringBuilder(digits.Length + 2);
        if (negative)
        {
            builder.Append('-');
        }

        return builder.Append(digits, 0, digits.Length - scale).Append('.').Append(digits, digits.Length - scale, scale).ToString();
    }

    /// <summary>A date of days since 1970-01-01: <c>YYYY-MM-DD</c>.</summary>
    public static string FormatDate(long epochDays)
    {
        var builder = new StringBuilder(10);
        AppendDate(builder, epochDays);
        return builder.ToString();
    }

    /// <summary>A time of day in microseconds: <c>HH:MM:SS</c> plus <paramref name="precision"/> fractional digits.</summary>
    public static string FormatTime(long microsOfDay, int precision)
    {
        var builder = new StringBuilder(18);
        AppendTime(builder, microsOfDay, precision);
        return builder.ToString();
    }

    /// <summary>
    /// A timestamp in microseconds since the epoch (plus <paramref name="nanoOfMicro"/>, the nanoseconds past that
    /// microsecond of a timestamp of precision 7..9): <c>YYYY-MM-DD HH:MM:SS</c> plus <paramref name="precision"/>
    /// fractional digits.
    /// </summary>
    public static string FormatTimestamp(long epochMicros, int precision, int nanoOfMicro = 0)
    {
        var days = FloorDiv(epochMicros, MicrosPerDay);
        var builder = new StringBuilder(29);
        AppendDate(builder, days);
        builder.Append(' ');
        AppendTime(builder, epochMicros - (days * MicrosPerDay), precision, nanoOfMicro);
        return builder.ToString();
    }

    /// <summary>
    /// An instant in microseconds since the epoch (plus <paramref name="nanoOfMicro"/>), shown as the wall-clock time of
    /// <see cref="LocalTimeZone"/>.
    /// </summary>
    public string FormatInstant(long epochMicros, int precision, int nanoOfMicro = 0)
    {
        var offsetMicros = 0L;
        if (LocalTimeZone != TimeZoneInfo.Utc)
        {
            var ticks = DateTime.UnixEpoch.Ticks + (FloorDiv(epochMicros, 1000) * TimeSpan.TicksPerMillisecond);
            if (ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks)
            {
                var offset = LocalTimeZone.GetUtcOffset(new DateTime(ticks, DateTimeKind.Utc));
                offsetMicros = offset.Ticks / (TimeSpan.TicksPerMillisecond / 1000);
            }
        }

        return FormatTimestamp(epochMicros + offsetMicros, precision, nanoOfMicro);
    }

    /// <summary>An <c>INTERVAL YEAR TO MONTH</c> of <paramref name="months"/>: <c>+1-06</c>.</summary>
    public static string FormatYearMonthInterval(int months)
    {
        var magnitude = Math.Abs((long)months);
        return string.Create(CultureInfo.InvariantCulture, $"{(months < 0 ? '-' : '+')}{magnitude / 12}-{magnitude % 12:D2}");
    }

    /// <summary>An <c>INTERVAL DAY TO SECOND</c> of <paramref name="micros"/>: <c>+2 10:00:00.000</c>.</summary>
    public static string FormatDayTimeInterval(long micros)
    {
        var negative = micros < 0;
        var millis = (negative ? -(Int128)micros : micros) / 1000;
        var milli = (long)(millis % 1000);
        var totalSeconds = millis / 1000;
        var seconds = (long)(totalSeconds % 60);
        var minutes = (long)(totalSeconds / 60 % 60);
        var hours = (long)(totalSeconds / 3600 % 24);
        var days = totalSeconds / 86400;
        return string.Create(CultureInfo.InvariantCulture,
            $"{(negative ? '-' : '+')}{days} {hours:D2}:{minutes:D2}:{seconds:D2}.{milli:D3}");
    }

    private static void AppendDate(StringBuilder builder, long epochDays)
    {
        // Civil date of a day count (proleptic Gregorian), valid for any year.
        var z = epochDays + 719_468;
        var era = FloorDiv(z, 146_097);
        var dayOfEra = z - (era * 146_097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        var year = yearOfEra + (era * 400);
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var shiftedMonth = ((5 * dayOfYear) + 2) / 153;
        var day = dayOfYear - (((153 * shiftedMonth) + 2) / 5) + 1;
        var month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        if (month <= 2)
        {
            year++;
        }

        if (year < 0)
        {
            builder.Append('-');
            year = -year;
        }

        builder.Append(year.ToString("D4", CultureInfo.InvariantCulture)).Append('-')
            .Append(month.ToString("D2", CultureInfo.InvariantCulture)).Append('-')
            .Append(day.ToString("D2", CultureInfo.InvariantCulture));
    }

    private static void AppendTime(StringBuilder builder, long microsOfDay, int precision, int nanoOfMicro = 0)
    {
        var seconds = microsOfDay / MicrosPerSecond;
        var fraction = microsOfDay % MicrosPerSecond;
        builder.Append((seconds / 3600).ToString("D2", CultureInfo.InvariantCulture)).Append(':')
            .Append((seconds / 60 % 60).ToString("D2", CultureInfo.InvariantCulture)).Append(':')
            .Append((seconds % 60).ToString("D2", CultureInfo.InvariantCulture));
        if (precision > 0)
        {
            var nanos = ((fraction * 1000) + nanoOfMicro).ToString("D9", CultureInfo.InvariantCulture);
            builder.Append('.').Append(nanos, 0, Math.Min(precision, 9));
        }
    }

    private static long FloorDiv(long value, long divisor)
    {
        var quotient = value / divisor;
        return value % divisor < 0 ? quotient - 1 : quotient;
    }
}
