using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Sluice.Core.Types;
using Sluice.Formats.Text;

namespace Sluice.Formats.Common;

/// <summary>
/// Parses the text of scalar values (UTF-8) into their storage form, leniently where Flink is lenient: numbers may
/// be surrounded by spaces, timestamps may use <c>' '</c> or <c>'T'</c>, fractions may have up to 9 digits (kept to
/// the type's precision). Stateless and thread-safe.
/// </summary>
internal static class ScalarText
{
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>True for the types <see cref="TryParse"/> handles (not strings, binaries or nested types).</summary>
    public static bool IsScalar(DataType type) => type.TypeId is TypeId.Boolean or TypeId.TinyInt or TypeId.SmallInt or TypeId.Int
        or TypeId.BigInt or TypeId.Float or TypeId.Double or TypeId.Decimal or TypeId.Date or TypeId.Time or TypeId.Timestamp
        or TypeId.TimestampLtz or TypeId.IntervalYearMonth or TypeId.IntervalDayTime;

    /// <summary>
    /// Parses <paramref name="text"/> as a value of <paramref name="type"/>; on failure <paramref name="problem"/> says
    /// what was expected and what was found.
    /// </summary>
    public static bool TryParse(DataType type, ReadOnlySpan<byte> text, out Scalar value, out string? problem)
    {
        value = default;
        problem = null;
        var trimmed = Trim(text);
        bool ok;
        switch (type.TypeId)
        {
            case TypeId.Boolean:
                ok = TryParseBoolean(trimmed, out var b);
                value.Long = b ? 1 : 0;
                break;
            case TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt:
                ok = Utf8Parser.TryParse(trimmed, out long l, out var used) && used == trimmed.Length;
                if (ok && !InRange(type.TypeId, l))
                {
                    problem = $"expected {type}, found {Show(text)}, which is out of its range";
                    return false;
                }

                value.Long = l;
                break;
            case TypeId.Float or TypeId.Double:
                ok = TryParseDouble(trimmed, out value.Double);
                break;
            case TypeId.Decimal:
                ok = TryParseDecimal(trimmed, type.Precision, type.Scale, out value.Wide, out var overflow);
                if (overflow)
                {
                    problem = $"expected {type}, found {Show(text)}, which has too many digits";
                    return false;
                }

                value.Long = (long)value.Wide;
                break;
            case TypeId.Date:
                ok = TryParseDate(trimmed, out var days);
                value.Long = days;
                break;
            case TypeId.Time:
                ok = TryParseTime(trimmed, out value.Long);
                value.Long = ValueText.TruncateMicros(value.Long, type.Precision);
                break;
            case TypeId.Timestamp or TypeId.TimestampLtz:
            {
                ok = TryParseTimestamp(trimmed, allowZone: type.TypeId == TypeId.TimestampLtz, out var micros, out var nanoOfMicro);
                if (ok && !TimestampUnit.TryFromMicros(ValueText.TruncateMicros(micros, type.Precision), type, nanoOfMicro, out value.Long))
                {
                    problem = $"expected {type}, found {Show(text)}, which is out of its range ({TimestampUnit.NanosRangeText})";
                    return false;
                }

                value.Long = TimestampUnit.Truncate(value.Long, type.Precision);
                break;
            }

            case TypeId.IntervalYearMonth:
                ok = TryParseIntervalYearMonth(trimmed, out var months);
                value.Long = months;
                break;
            case TypeId.IntervalDayTime:
                ok = TryParseIntervalDayTime(trimmed, out value.Long);
                break;
            default:
                problem = $"the type {type} is not a scalar";
                return false;
        }

        if (!ok)
        {
            problem = $"expected {type}, found {Show(text)}";
        }

        return ok;
    }

    /// <summary>The value for a message: quoted and shortened to 40 characters.</summary>
    public static string Show(ReadOnlySpan<byte> text)
    {
        var s = Encoding.UTF8.GetString(text.Length > 160 ? text[..160] : text);
        return s.Length > 40 ? $"'{s[..40]}...'" : $"'{s}'";
    }

    public static bool InRange(TypeId type, long value) => type switch
    {
        TypeId.TinyInt => value is >= sbyte.MinValue and <= sbyte.MaxValue,
        TypeId.SmallInt => value is >= short.MinValue and <= short.MaxValue,
        TypeId.Int => value is >= int.MinValue and <= int.MaxValue,
        _ => true,
    };

    public static bool TryParseBoolean(ReadOnlySpan<byte> text, out bool value)
    {
        if (Ascii.EqualsIgnoreCase(text, "true"u8))
        {
            value = true;
            return true;
        }

        value = false;
        return Ascii.EqualsIgnoreCase(text, "false"u8);
    }

    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        if (text.SequenceEqual("NaN"u8))
        {
            value = double.NaN;
            return true;
        }

        if (text.SequenceEqual("Infinity"u8) || text.SequenceEqual("+Infinity"u8))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (text.SequenceEqual("-Infinity"u8))
        {
            value = double.NegativeInfinity;
            return true;
        }

        // Digits, sign, point and exponent only (no hex, no thousands separators, no "inf").
        foreach (var c in text)
        {
            if (!(char.IsAsciiDigit((char)c) || c is (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E'))
            {
                value = 0;
                return false;
            }
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && text.Length > 0;
    }

    /// <summary>
    /// Parses a decimal number (sign, digits, point, exponent) into the unscaled value at <paramref name="scale"/>,
    /// rounding half away from zero; <paramref name="overflow"/> is set when it needs more than
    /// <paramref name="precision"/> digits.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> text, int precision, int scale, out Int128 unscaled, out bool overflow)
    {
        unscaled = 0;
        overflow = false;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is (byte)'-' or (byte)'+')
        {
            negative = text[i] == (byte)'-';
            i++;
        }

        Int128 mantissa = 0;
        var significant = 0;
        var fractionDigits = 0;
        var anyDigit = false;
        var seenPoint = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'.' && !seenPoint)
            {
                seenPoint = true;
                continue;
            }

            if (c is < (byte)'0' or > (byte)'9')
            {
                break;
            }

            anyDigit = true;
            if (mantissa != 0 || c != (byte)'0')
            {
                if (++significant > DataTypes.MaxDecimalPrecision)
                {
                    overflow = true;
                    return false;
                }

                mantissa = (mantissa * 10) + (c - '0');
            }

            if (seenPoint)
            {
                fractionDigits++;
            }
        }

        if (!anyDigit)
        {
            return false;
        }

        var exponent = 0;
        if (i < text.Length)
        {
            if (text[i] is not ((byte)'e' or (byte)'E')
                || !Utf8Parser.TryParse(text[(i + 1)..], out exponent, out var used) || i + 1 + used != text.Length)
            {
                return false;
            }
        }

        var shift = (long)exponent - fractionDigits + scale;
        if (shift >= 0)
        {
            if (mantissa != 0 && (shift > DataTypes.MaxDecimalPrecision || mantissa > Int128.MaxValue / Decimals.Pow10((int)shift)))
            {
                overflow = true;
                return false;
            }

            unscaled = mantissa == 0 ? 0 : mantissa * Decimals.Pow10((int)shift);
        }
        else if (shift < -DataTypes.MaxDecimalPrecision)
        {
            unscaled = 0;
        }
        else
        {
            var divisor = Decimals.Pow10((int)-shift);
            var (quotient, remainder) = Int128.DivRem(mantissa, divisor);
            unscaled = remainder * 2 >= divisor ? quotient + 1 : quotient;
        }

        if (unscaled >= Decimals.Pow10(precision))
        {
            overflow = true;
            return false;
        }

        if (negative)
        {
            unscaled = -unscaled;
        }

        return true;
    }

    /// <summary>Parses <c>yyyy-MM-dd</c> (1 to 4 year digits) into days since 1970-01-01.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> text, out int epochDays)
    {
        epochDays = 0;
        var i = 0;
        if (!Number(text, ref i, 1, 4, out var year) || !Expect(text, ref i, '-')
            || !Number(text, ref i, 1, 2, out var month) || !Expect(text, ref i, '-')
            || !Number(text, ref i, 1, 2, out var day) || i != text.Length)
        {
            return false;
        }

        return TryDays(year, month, day, out epochDays);
    }

    /// <summary>Parses <c>HH:mm[:ss[.fffffffff]]</c> into microseconds of the day (digits beyond microseconds dropped).</summary>
    public static bool TryParseTime(ReadOnlySpan<byte> text, out long micros)
    {
        var i = 0;
        return TryParseTime(text, ref i, out micros) && i == text.Length;
    }

    /// <summary>
    /// Parses <c>yyyy-MM-dd[ |T]HH:mm[:ss[.f]]</c>, with (when <paramref name="allowZone"/>) an optional zone
    /// <c>Z</c> or <c>±HH[:]mm</c> (no zone means UTC), into microseconds since the epoch.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, bool allowZone, out long epochMicros) =>
        TryParseTimestamp(text, allowZone, out epochMicros, out _);

    /// <summary>
    /// As <see cref="TryParseTimestamp(ReadOnlySpan{byte}, bool, out long)"/>, also giving the nanoseconds past the
    /// microsecond (the 7th to 9th fraction digits).
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, bool allowZone, out long epochMicros, out int nanoOfMicro)
    {
        epochMicros = 0;
        nanoOfMicro = 0;
        var i = 0;
        if (!Number(text, ref i, 1, 4, out var year) || !Expect(text, ref i, '-')
            || !Number(text, ref i, 1, 2, out var month) || !Expect(text, ref i, '-')
            || !Number(text, ref i, 1, 2, out var day) || i >= text.Length || text[i] is not ((byte)' ' or (byte)'T'))
        {
            return false;
        }

        i++;
        if (!TryDays(year, month, day, out var days) || !TryParseTime(text, ref i, out var micros, out nanoOfMicro))
        {
            return false;
        }

        long offsetMinutes = 0;
        if (i < text.Length)
        {
            if (!allowZone)
            {
                return false;
            }

            if (text[i] == (byte)'Z' && i + 1 == text.Length)
            {
                i++;
            }
            else if (text[i] is (byte)'+' or (byte)'-')
            {
                var sign = text[i] == (byte)'-' ? -1 : 1;
                i++;
                if (!Number(text, ref i, 2, 2, out var hours))
                {
                    return false;
                }

                if (i < text.Length && text[i] == (byte)':')
                {
                    i++;
                }

                if (!Number(text, ref i, 2, 2, out var minutes) || i != text.Length || hours > 18 || minutes > 59)
                {
                    return false;
                }

                offsetMinutes = sign * ((hours * 60) + minutes);
            }
            else
            {
                return false;
            }
        }

        epochMicros = (days * 86_400_000_000L) + micros - (offsetMinutes * 60_000_000L);
        return true;
    }

    /// <summary>Parses <c>[+|-]Y-MM</c> or a number of months.</summary>
    public static bool TryParseIntervalYearMonth(ReadOnlySpan<byte> text, out int months)
    {
        months = 0;
        if (Utf8Parser.TryParse(text, out int plain, out var used) && used == text.Length)
        {
            months = plain;
            return true;
        }

        var i = 0;
        var sign = Sign(text, ref i);
        if (!Number(text, ref i, 1, 9, out var years) || !Expect(text, ref i, '-') || !Number(text, ref i, 1, 2, out var m)
            || i != text.Length || m > 11)
        {
            return false;
        }

        var total = ((long)years * 12) + m;
        if (total > int.MaxValue)
        {
            return false;
        }

        months = (int)(sign * total);
        return true;
    }

    /// <summary>Parses <c>[+|-]D HH:mm:ss[.f]</c> or a number of milliseconds into microseconds.</summary>
    public static bool TryParseIntervalDayTime(ReadOnlySpan<byte> text, out long micros)
    {
        micros = 0;
        if (Utf8Parser.TryParse(text, out long millis, out var used) && used == text.Length)
        {
            micros = checked(millis * 1000);
            return true;
        }

        var i = 0;
        var sign = Sign(text, ref i);
        if (!Number(text, ref i, 1, 9, out var days) || !Expect(text, ref i, ' ') || !TryParseTime(text, ref i, out var time)
            || i != text.Length)
        {
            return false;
        }

        micros = sign * ((days * 86_400_000_000L) + time);
        return true;
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && text[start] is (byte)' ' or (byte)'\t')
        {
            start++;
        }

        while (end > start && text[end - 1] is (byte)' ' or (byte)'\t')
        {
            end--;
        }

        return text[start..end];
    }

    private static bool TryParseTime(ReadOnlySpan<byte> text, ref int i, out long micros) => TryParseTime(text, ref i, out micros, out _);

    private static bool TryParseTime(ReadOnlySpan<byte> text, ref int i, out long micros, out int nanoOfMicro)
    {
        micros = 0;
        nanoOfMicro = 0;
        var nanos = 0;
        if (!Number(text, ref i, 1, 2, out var hours) || !Expect(text, ref i, ':') || !Number(text, ref i, 2, 2, out var minutes))
        {
            return false;
        }

        long seconds = 0;
        long fraction = 0;
        if (i < text.Length && text[i] == (byte)':')
        {
            i++;
            if (!Number(text, ref i, 2, 2, out seconds))
            {
                return false;
            }

            if (i < text.Length && text[i] == (byte)'.')
            {
                i++;
                var digits = 0;
                while (i < text.Length && char.IsAsciiDigit((char)text[i]))
                {
                    if (digits < 6)
                    {
                        fraction = (fraction * 10) + (text[i] - '0');
                    }
                    else if (digits < 9)
                    {
                        nanos = (nanos * 10) + (text[i] - '0');
                    }

                    digits++;
                    i++;
                }

                if (digits is 0 or > 9)
                {
                    return false;
                }

                for (var d = digits; d < 6; d++)
                {
                    fraction *= 10;
                }

                for (var d = Math.Max(digits, 6); d < 9; d++)
                {
                    nanos *= 10;
                }
            }
        }

        if (hours > 23 || minutes > 59 || seconds > 59)
        {
            return false;
        }

        micros = (((hours * 3600) + (minutes * 60) + seconds) * 1_000_000) + fraction;
        nanoOfMicro = nanos;
        return true;
    }

    private static bool TryDays(long year, long month, long day, out int epochDays)
    {
        epochDays = 0;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth((int)year, (int)month))
        {
            return false;
        }

        epochDays = new DateOnly((int)year, (int)month, (int)day).DayNumber - EpochDayNumber;
        return true;
    }

    private static long Sign(ReadOnlySpan<byte> text, ref int i)
    {
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
        {
            return text[i++] == (byte)'-' ? -1 : 1;
        }

        return 1;
    }

    private static bool Number(ReadOnlySpan<byte> text, ref int i, int minDigits, int maxDigits, out long value)
    {
        value = 0;
        var start = i;
        while (i < text.Length && i - start < maxDigits && char.IsAsciiDigit((char)text[i]))
        {
            value = (value * 10) + (text[i] - '0');
            i++;
        }

        return i - start >= minDigits;
    }

    private static bool Expect(ReadOnlySpan<byte> text, ref int i, char c)
    {
        if (i < text.Length && text[i] == c)
        {
            i++;
            return true;
        }

        return false;
    }
}
