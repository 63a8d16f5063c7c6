namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Flink's text forms of dates and times, written and parsed as UTF-8 without allocating: <c>DATE</c>
/// <c>yyyy-MM-dd</c>; <c>TIME</c> <c>HH:mm:ss[.f]</c>; <c>TIMESTAMP(p)</c> <c>yyyy-MM-dd HH:mm:ss[.fff]</c> with at
/// least <c>p</c> fraction digits (up to nine: the digits past the microsecond are read and written separately, as
/// timestamps of precision 7..9 keep them); intervals <c>+d HH:mm:ss.SSS</c> and <c>+y-MM</c>. Parsing is lenient as Flink's:
/// one-digit fields, surrounding whitespace, a date alone for a timestamp (midnight), <c>T</c> or a space between date
/// and time.
/// </summary>
internal static class TemporalText
{
    public static void WriteDate(Utf8Buffer output, int days)
    {
        var (year, month, day) = Civil.CivilFromDays(days);
        output.AppendInteger(year, 4);
        output.Append((byte)'-');
        output.AppendInteger(month, 2);
        output.Append((byte)'-');
        output.AppendInteger(day, 2);
    }

    /// <summary>A time of day, with the fraction trimmed of trailing zeros and cut to <paramref name="precision"/> digits.</summary>
    public static void WriteTime(Utf8Buffer output, long micros, int precision)
    {
        micros = Civil.FloorMod(micros, Civil.MicrosPerDay);
        WriteClock(output, micros);
        var fraction = micros % Civil.MicrosPerSecond;
        var digits = Math.Min(precision, 6);
        if (digits > 0 && fraction != 0)
        {
            var start = output.Length;
            output.Append((byte)'.');
            output.AppendInteger(fraction, 6);
            var end = start + 1 + digits;
            var span = output.Span;
            while (end > start + 1 && span[end - 1] == '0')
            {
                end--;
            }

            output.Truncate(end == start + 1 ? start : end);
        }
    }

    /// <summary>
    /// A timestamp with at least <paramref name="precision"/> fraction digits (more only for non-zero digits):
    /// <paramref name="micros"/> since the epoch plus <paramref name="nanoOfMicro"/> (0..999, non-zero only for a
    /// nanosecond timestamp, see <see cref="Core.Types.TimestampUnit"/>).
    /// </summary>
    public static void WriteTimestamp(Utf8Buffer output, long micros, int precision, int nanoOfMicro = 0)
    {
        WriteDate(output, Civil.DayOf(micros));
        output.Append((byte)' ');
        var time = Civil.TimeOfDay(micros);
        WriteClock(output, time);
        var fraction = ((time % Civil.MicrosPerSecond) * 1000) + nanoOfMicro;
        if (fraction == 0 && precision == 0)
        {
            return;
        }

        var start = output.Length;
        output.Append((byte)'.');
        output.AppendInteger(fraction, 9);
        var keep = 9;
        var span = output.Span;
        while (keep > precision && span[start + keep] == '0')
        {
            keep--;
        }

        output.Truncate(keep == 0 ? start : start + 1 + keep);
    }

    public static void WriteIntervalYearMonth(Utf8Buffer output, int months)
    {
        long value = months;
        output.Append(value >= 0 ? (byte)'+' : (byte)'-');
        value = Math.Abs(value);
        output.AppendInteger(value / 12);
        output.Append((byte)'-');
        output.AppendInteger(value % 12, 2);
    }

    public static void WriteIntervalDayTime(Utf8Buffer output, long micros)
    {
        output.Append(micros >= 0 ? (byte)'+' : (byte)'-');
        var millis = (Int128)micros / 1000;
        if (millis < 0)
        {
            millis = -millis;
        }

        var ms = (long)(millis % 1000);
        var seconds = millis / 1000;
        output.AppendInteger((long)(seconds / 86400));
        output.Append((byte)' ');
        output.AppendInteger((long)(seconds / 3600 % 24), 2);
        output.Append((byte)':');
        output.AppendInteger((long)(seconds / 60 % 60), 2);
        output.Append((byte)':');
        output.AppendInteger((long)(seconds % 60), 2);
        output.Append((byte)'.');
        output.AppendInteger(ms, 3);
    }

    /// <summary>Parses <c>yyyy-M-d</c> (a time after a space or <c>T</c> is ignored, as Flink's <c>CAST(... AS DATE)</c>).</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> text, out int days)
    {
        days = 0;
        text = Trim(text);
        var cut = text.IndexOfAny((byte)' ', (byte)'T');
        if (cut > 0)
        {
            text = text[..cut];
        }

        return TryParseDatePart(text, out days);
    }

    /// <summary>Parses <c>H:m[:s[.fraction]]</c> to microseconds of the day.</summary>
    public static bool TryParseTime(ReadOnlySpan<byte> text, out long micros) => TryParseTimePart(Trim(text), out micros, out _);

    /// <summary>Parses <c>yyyy-M-d[( |T)H:m[:s[.fraction]]]</c> to epoch microseconds of the wall clock (digits below the microsecond dropped).</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, out long micros) => TryParseTimestamp(text, out micros, out _);

    /// <summary>
    /// Parses <c>yyyy-M-d[( |T)H:m[:s[.fraction]]]</c> to epoch microseconds of the wall clock and the nanoseconds past
    /// that microsecond (the 7th to 9th fraction digits).
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, out long micros, out int nanoOfMicro)
    {
        micros = 0;
        nanoOfMicro = 0;
        text = Trim(text);
        var cut = text.IndexOfAny((byte)' ', (byte)'T');
        var datePart = cut > 0 ? text[..cut] : text;
        if (!TryParseDatePart(datePart, out var days))
        {
            return false;
        }

        long time = 0;
        if (cut > 0 && !TryParseTimePart(Trim(text[(cut + 1)..]), out time, out nanoOfMicro))
        {
            return false;
        }

        micros = (days * Civil.MicrosPerDay) + time;
        return true;
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text) => text.Trim(" \t\r\n"u8);

    private static void WriteClock(Utf8Buffer output, long micros)
    {
        var seconds = micros / Civil.MicrosPerSecond;
        output.AppendInteger(seconds / 3600, 2);
        output.Append((byte)':');
        output.AppendInteger(seconds / 60 % 60, 2);
        output.Append((byte)':');
        output.AppendInteger(seconds % 60, 2);
    }

    private static bool TryParseDatePart(ReadOnlySpan<byte> text, out int days)
    {
        days = 0;
        var position = 0;
        var negative = false;
        if (text.Length > 0 && text[0] == '-')
        {
            negative = true;
            position++;
        }

        if (!TryNumber(text, ref position, 1, 9, out var year))
        {
            return false;
        }

        long month = 1;
        long day = 1;
        if (position < text.Length)
        {
            if (text[position++] != '-' || !TryNumber(text, ref position, 1, 2, out month))
            {
                return false;
            }

            if (position < text.Length && (text[position++] != '-' || !TryNumber(text, ref position, 1, 2, out day)))
            {
                return false;
            }
        }

        if (position != text.Length || month is < 1 or > 12)
        {
            return false;
        }

        var y = (int)(negative ? -year : year);
        if (day < 1 || day > Civil.DaysInMonth(y, (int)month))
        {
            return false;
        }

        days = Civil.DaysFromCivil(y, (int)month, (int)day);
        return true;
    }

    private static bool TryParseTimePart(ReadOnlySpan<byte> text, out long micros, out int nanoOfMicro)
    {
        micros = 0;
        nanoOfMicro = 0;
        var nanos = 0;
        var position = 0;
        if (!TryNumber(text, ref position, 1, 2, out var hour) || position >= text.Length || text[position++] != ':'
            || !TryNumber(text, ref position, 1, 2, out var minute))
        {
            return false;
        }

        long second = 0;
        long fraction = 0;
        if (position < text.Length)
        {
            if (text[position++] != ':' || !TryNumber(text, ref position, 1, 2, out second))
            {
                return false;
            }

            if (position < text.Length)
            {
                if (text[position++] != '.')
                {
                    return false;
                }

                var start = position;
                var digits = 0;
                for (; position < text.Length && text[position] is >= (byte)'0' and <= (byte)'9'; position++)
                {
                    if (digits < 6)
                    {
                        fraction = (fraction * 10) + (text[position] - '0');
                        digits++;
                    }
                    else
                    {
                        nanos = (nanos * 10) + (text[position] - '0');
                    }
                }

                if (position == start || position - start > 9)
                {
                    return false;
                }

                for (; digits < 6; digits++)
                {
                    fraction *= 10;
                }

                for (var nanoDigits = position - start - 6; nanoDigits is >= 0 and < 3; nanoDigits++)
                {
                    nanos *= 10;
                }
            }
        }

        if (position != text.Length || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        micros = (((hour * 60) + minute) * 60 + second) * Civil.MicrosPerSecond + fraction;
        nanoOfMicro = nanos;
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<byte> text, ref int position, int minDigits, int maxDigits, out long value)
    {
        value = 0;
        var start = position;
        while (position < text.Length && text[position] is >= (byte)'0' and <= (byte)'9' && position - start < maxDigits)
        {
            value = (value * 10) + (text[position] - '0');
            position++;
        }

        return position - start >= minDigits;
    }
}
