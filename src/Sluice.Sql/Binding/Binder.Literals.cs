using System.Globalization;
using Sluice.Core.Types;
using Sluice.Sql.Ast;
using Sluice.Sql.Syntax;

namespace Sluice.Sql.Binding;

/// <summary>
/// Literals and their types, as Flink types them: <c>42</c> is <c>INT NOT NULL</c> (<c>BIGINT</c> or
/// <c>DECIMAL(p, 0)</c> when larger), <c>1.50</c> is <c>DECIMAL(3, 2) NOT NULL</c>, <c>1e3</c> is <c>DOUBLE NOT NULL</c>,
/// <c>'abc'</c> is <c>CHAR(3) NOT NULL</c>, <c>NULL</c> has the <c>NULL</c> type, <c>TIMESTAMP '...'</c> has the
/// precision of its fraction, and interval literals are day-time or year-month intervals.
/// </summary>
internal sealed partial class Binder
{
    private const int IntervalLiteralPrecision = 3;

    private static BoundLiteral BindLiteral(SqlExpression literal) => literal switch
    {
        NumericLiteral numeric => BindNumber(numeric.Text, numeric.Kind, numeric.Span),
        StringLiteral text => text.Value.Length == 0
            ? new BoundLiteral("", DataTypes.VarChar(1).NotNull())
            : new BoundLiteral(text.Value, DataTypes.Char(text.Value.Length).NotNull()),
        BooleanLiteral boolean => boolean.Value ? BoundLiteral.True : BoundLiteral.False,
        NullLiteral => new BoundLiteral(null, DataTypes.Null()),
        BinaryStringLiteral binary => BindBinaryString(binary),
        TypedLiteral typed => BindTypedLiteral(typed),
        IntervalLiteral interval => BindInterval(interval),
        _ => throw new InvalidOperationException($"Not a literal: {literal.GetType().Name}"),
    };

    private static BoundLiteral BindNumber(string text, NumericLiteralKind kind, SourceSpan span)
    {
        switch (kind)
        {
            case NumericLiteralKind.Integer:
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    return integer is >= int.MinValue and <= int.MaxValue
                        ? new BoundLiteral((int)integer, DataTypes.Int().NotNull())
                        : new BoundLiteral(integer, DataTypes.BigInt().NotNull());
                }

                return BindDecimal(text, span);
            case NumericLiteralKind.Decimal:
                return BindDecimal(text, span);
            default:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var approximate) || double.IsInfinity(approximate))
                {
                    throw Error(SqlErrorCode.InvalidValue, span, $"The numeric literal '{text}' is out of range for DOUBLE");
                }

                return new BoundLiteral(approximate, DataTypes.Double().NotNull());
        }
    }

    private static BoundLiteral BindDecimal(string text, SourceSpan span)
    {
        var unsigned = text.TrimStart('-', '+');
        var point = unsigned.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = (point < 0 ? unsigned : unsigned[..point]).TrimStart('0').Length;
        var scale = point < 0 ? 0 : unsigned.Length - point - 1;
        var precision = Math.Max(1, integerDigits + scale);
        if (precision > DataTypes.MaxDecimalPrecision
            || !decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(SqlErrorCode.InvalidValue, span,
                $"The numeric literal '{text}' is out of range: it needs more than {DataTypes.MaxDecimalPrecision} digits, or more than System.Decimal holds");
        }

        return new BoundLiteral(value, DataTypes.Decimal(precision, Math.Min(scale, precision)).NotNull());
    }

    private static BoundLiteral BindBinaryString(BinaryStringLiteral binary)
    {
        if (binary.HexDigits.Length % 2 != 0)
        {
            throw Error(SqlErrorCode.InvalidValue, binary.Span, "A binary string literal needs an even number of hexadecimal digits");
        }

        var bytes = Convert.FromHexString(binary.HexDigits);
        return bytes.Length == 0
            ? new BoundLiteral(bytes, DataTypes.VarBinary(1).NotNull())
            : new BoundLiteral(bytes, DataTypes.Binary(bytes.Length).NotNull());
    }

    private static BoundLiteral BindTypedLiteral(TypedLiteral literal)
    {
        var text = literal.Value.Trim();
        switch (literal.Kind)
        {
            case TypedLiteralKind.Date:
                if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return new BoundLiteral(date, DataTypes.Date().NotNull());
                }

                throw IllegalLiteral(literal, "DATE", "yyyy-MM-dd");
            case TypedLiteralKind.Time:
            {
                var precision = FractionDigits(text);
                if (precision <= DataTypes.MaxTimePrecision
                    && TimeOnly.TryParseExact(TruncateFraction(text), ["H:m:s", "H:m:s.FFFFFFF", "HH:mm:ss", "HH:mm:ss.FFFFFFF"],
                        CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                {
                    return new BoundLiteral(time, DataTypes.Time(precision).NotNull());
                }

                throw IllegalLiteral(literal, "TIME", "HH:mm:ss[.fffffffff]");
            }

            default:
            {
                var precision = FractionDigits(text);
                var ltz = literal.Kind == TypedLiteralKind.TimestampLtz;
                if (precision <= DataTypes.MaxTimePrecision
                    && DateTime.TryParseExact(TruncateFraction(text),
                        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-M-d H:m:s", "yyyy-M-d H:m:s.FFFFFFF", "yyyy-MM-dd"],
                        CultureInfo.InvariantCulture, DateTimeStyles.None, out var timestamp))
                {
                    var type = ltz ? DataTypes.TimestampLtz(precision) : DataTypes.Timestamp(precision);
                    if (!TimestampUnit.IsNanosPrecision(precision))
                    {
                        return new BoundLiteral(timestamp, type.NotNull());
                    }

                    // Precision 7..9: nanoseconds since 1970 of the wall clock, within the range of a 64-bit count.
                    var micros = TemporalConversions.ToEpochMicros(timestamp);
                    var nanoOfMicro = NanoOfMicro(text);
                    if (nanoOfMicro < 0)
                    {
                        throw IllegalLiteral(literal, ltz ? "TIMESTAMP_LTZ" : "TIMESTAMP", "yyyy-MM-dd HH:mm:ss[.fffffffff]");
                    }

                    return TimestampUnit.TryMicrosToNanos(micros, nanoOfMicro, out var nanos)
                        ? new BoundLiteral(nanos, type.NotNull())
                        : throw Error(SqlErrorCode.InvalidValue, literal.Span,
                            $"{(ltz ? "TIMESTAMP_LTZ" : "TIMESTAMP")} literal '{literal.Value}' is out of the range of "
                            + $"{(ltz ? "TIMESTAMP_LTZ" : "TIMESTAMP")}({precision}): {TimestampUnit.NanosRangeText}");
                }

                throw IllegalLiteral(literal, ltz ? "TIMESTAMP_LTZ" : "TIMESTAMP", "yyyy-MM-dd HH:mm:ss[.fffffffff]");
            }
        }
    }

    private static SqlException IllegalLiteral(TypedLiteral literal, string type, string format) =>
        Error(SqlErrorCode.InvalidValue, literal.Span, $"Illegal {type} literal '{literal.Value}': not in format '{format}'");

    private static int FractionDigits(string text)
    {
        var point = text.LastIndexOf('.');
        return point < 0 || point < text.LastIndexOf(':') ? 0 : text.Length - point - 1;
    }

    /// <summary>
    /// The text with at most 6 fraction digits, parsed to microseconds; the digits of a precision of 7 to 9 below the
    /// microsecond are read by <see cref="NanoOfMicro"/> for timestamps (stored as nanoseconds) and dropped for
    /// <c>TIME</c> (microseconds), flooring it (the fraction counts forward from the second).
    /// </summary>
    private static string TruncateFraction(string text)
    {
        var point = text.LastIndexOf('.');
        return point >= 0 && point > text.LastIndexOf(':') && text.Length - point - 1 > 6 ? text[..(point + 7)] : text;
    }

    /// <summary>
    /// The nanoseconds past the microsecond of a text's fraction: its 7th to 9th digits (0 when it has fewer), or -1
    /// when one of them is not a digit.
    /// </summary>
    private static int NanoOfMicro(string text)
    {
        var point = text.LastIndexOf('.');
        if (point < 0 || point < text.LastIndexOf(':'))
        {
            return 0;
        }

        var nanos = 0;
        for (var i = point + 7; i < point + 10; i++)
        {
            if (i < text.Length && !char.IsAsciiDigit(text[i]))
            {
                return -1;
            }

            nanos = (nanos * 10) + (i < text.Length ? text[i] - '0' : 0);
        }

        return nanos;
    }

    private static BoundLiteral BindInterval(IntervalLiteral literal)
    {
        var qualifier = literal.Qualifier;
        var text = literal.Value.Trim();
        var negative = literal.IsNegative;
        if (text.StartsWith('-'))
        {
            negative = !negative;
            text = text[1..].Trim();
        }
        else if (text.StartsWith('+'))
        {
            text = text[1..].Trim();
        }

        if (qualifier.Start is TimeUnit.Year or TimeUnit.Month or TimeUnit.Quarter)
        {
            var months = ParseYearMonth(text, qualifier, literal);
            return new BoundLiteral(negative ? -months : months, DataTypes.IntervalYearMonth().NotNull());
        }

        var span = ParseDayTime(text, qualifier, literal);
        return new BoundLiteral(negative ? -span : span, DataTypes.IntervalDayTime(IntervalLiteralPrecision).NotNull());
    }

    private static int ParseYearMonth(string text, IntervalQualifier qualifier, IntervalLiteral literal)
    {
        var end = qualifier.End ?? qualifier.Start;
        try
        {
            if (qualifier.Start == TimeUnit.Year && end == TimeUnit.Month)
            {
                var parts = text.Split('-');
                if (parts.Length == 2)
                {
                    return checked(int.Parse(parts[0], CultureInfo.InvariantCulture) * 12 + int.Parse(parts[1], CultureInfo.InvariantCulture));
                }
            }
            else if (qualifier.End is null && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return qualifier.Start switch
                {
                    TimeUnit.Year => checked(value * 12),
                    TimeUnit.Quarter => checked(value * 3),
                    _ => value,
                };
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw IllegalInterval(literal, e);
        }

        throw IllegalInterval(literal, null);
    }

    private static TimeSpan ParseDayTime(string text, IntervalQualifier qualifier, IntervalLiteral literal)
    {
        var start = qualifier.Start;
        var end = qualifier.End ?? start;
        if (start is TimeUnit.Week)
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var weeks)
                ? TimeSpan.FromDays(weeks * 7.0)
                : throw IllegalInterval(literal, null);
        }

        if (start is TimeUnit.Millisecond or TimeUnit.Microsecond or TimeUnit.Nanosecond || end is not (TimeUnit.Day or TimeUnit.Hour or TimeUnit.Minute or TimeUnit.Second))
        {
            throw NotSupported(qualifier.Span, $"an interval of {start.ToString().ToUpperInvariant()} is not supported");
        }

        // The fields from the start unit to the end unit, separated by ' ' (after days) and ':' (between times).
        var units = new[] { TimeUnit.Day, TimeUnit.Hour, TimeUnit.Minute, TimeUnit.Second };
        var first = Array.IndexOf(units, start);
        var last = Array.IndexOf(units, end);
        if (first < 0 || last < first)
        {
            throw IllegalInterval(literal, null);
        }

        var fields = new List<string>();
        var rest = text;
        if (start == TimeUnit.Day && last > first)
        {
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                throw IllegalInterval(literal, null);
            }

            fields.Add(rest[..space]);
            rest = rest[(space + 1)..].Trim();
            fields.AddRange(rest.Split(':'));
        }
        else
        {
            fields.AddRange(rest.Split(':'));
        }

        if (fields.Count != last - first + 1)
        {
            throw IllegalInterval(literal, null);
        }

        try
        {
            decimal seconds = 0;
            for (var i = 0; i < fields.Count; i++)
            {
                var unit = units[first + i];
                var value = decimal.Parse(fields[i], unit == TimeUnit.Second ? NumberStyles.AllowDecimalPoint : NumberStyles.None,
                    CultureInfo.InvariantCulture);
                seconds += value * unit switch
                {
                    TimeUnit.Day => 86400m,
                    TimeUnit.Hour => 3600m,
                    TimeUnit.Minute => 60m,
                    _ => 1m,
                };
            }

            return TimeSpan.FromTicks(checked((long)(seconds * TimeSpan.TicksPerSecond)));
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw IllegalInterval(literal, e);
        }
    }

    private static SqlException IllegalInterval(IntervalLiteral literal, Exception? inner) =>
        new(SqlErrorCode.InvalidValue, literal.Span, $"Illegal interval literal '{literal.Value}' for {Text(literal.Qualifier)}", inner);
}
