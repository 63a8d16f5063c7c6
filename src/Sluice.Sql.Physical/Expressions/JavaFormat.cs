using System.Globalization;
using System.Numerics;
using System.Text;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>PRINTF</c>'s formatting: the format strings of Java's <c>java.util.Formatter</c> with <c>Locale.US</c>, as Flink
/// uses them. Conversions <c>%b %s %c %d %o %x %e %f %g %n %%</c> (and their upper-case forms), argument indexes
/// (<c>%2$s</c>, <c>%&lt;s</c>), the flags <c>- # + space 0 , (</c>, width and precision. A format Java rejects (an
/// unknown conversion, a missing argument, a value of the wrong kind for its conversion, conflicting flags) makes the
/// whole result null, as in Flink. Floating-point values round half up from their shortest decimal form, as Java does;
/// <c>DECIMAL</c> values format as Java's <c>BigDecimal</c> would. Date/time (<c>%t</c>), hash (<c>%h</c>) and
/// hexadecimal floating-point (<c>%a</c>) conversions are not supported and give null.
/// </summary>
internal static class JavaFormat
{
    /// <summary>The formatted text, or null when Java would throw.</summary>
    /// <param name="format">The format string.</param>
    /// <param name="count">The number of arguments.</param>
    /// <param name="value">The boxed value of an argument (null for NULL).</param>
    /// <param name="text">The text of a non-null argument, as <c>CAST(arg AS STRING)</c> gives it.</param>
    public static string? Format(string format, int count, Func<int, object?> value, Func<int, string> text)
    {
        var output = new StringBuilder(format.Length + 16);
        var ordinary = 0;
        var last = -1;
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c != '%')
            {
                output.Append(c);
                i++;
                continue;
            }

            var j = i + 1;
            int? index = null;
            var k = SkipDigits(format, j);
            if (k > j && k < format.Length && format[k] == '$')
            {
                index = int.Parse(format.AsSpan(j, k - j), CultureInfo.InvariantCulture);
                j = k + 1;
            }

            var flagsStart = j;
            while (j < format.Length && "-#+ 0,(<".Contains(format[j], StringComparison.Ordinal))
            {
                j++;
            }

            var flags = format[flagsStart..j];
            k = SkipDigits(format, j);
            var width = k > j ? int.Parse(format.AsSpan(j, k - j), CultureInfo.InvariantCulture) : -1;
            j = k;
            var precision = -1;
            if (j < format.Length && format[j] == '.')
            {
                k = SkipDigits(format, j + 1);
                if (k == j + 1)
                {
                    return null;
                }

                precision = int.Parse(format.AsSpan(j + 1, k - j - 1), CultureInfo.InvariantCulture);
                j = k;
            }

            if (j >= format.Length || !ValidFlags(flags, width))
            {
                return null;
            }

            var conversion = format[j];
            i = j + 1;
            if (conversion == '%')
            {
                if (precision >= 0 || flags.Replace("-", "", StringComparison.Ordinal).Length > 0)
                {
                    return null;
                }

                output.Append(Pad("%", width, flags));
                continue;
            }

            if (conversion == 'n')
            {
                if (width >= 0 || precision >= 0 || flags.Length > 0)
                {
                    return null;
                }

                output.Append('\n');
                continue;
            }

            int argument;
            if (flags.Contains('<', StringComparison.Ordinal))
            {
                argument = last;
                flags = flags.Replace("<", "", StringComparison.Ordinal);
            }
            else if (index is { } explicitIndex)
            {
                argument = explicitIndex - 1;
            }
            else
            {
                argument = ordinary++;
            }

            if (argument < 0 || argument >= count)
            {
                return null;
            }

            last = argument;
            var piece = Convert(conversion, flags, width, precision, value(argument), () => text(argument));
            if (piece is null)
            {
                return null;
            }

            output.Append(piece);
        }

        return output.ToString();
    }

    private static int SkipDigits(string format, int start)
    {
        while (start < format.Length && char.IsAsciiDigit(format[start]))
        {
            start++;
        }

        return start;
    }

    private static bool ValidFlags(string flags, int width)
    {
        var left = flags.Contains('-', StringComparison.Ordinal);
        var zero = flags.Contains('0', StringComparison.Ordinal);
        if ((left || zero) && width < 0)
        {
            return false;
        }

        return !(left && zero) && !(flags.Contains('+', StringComparison.Ordinal) && flags.Contains(' ', StringComparison.Ordinal));
    }

    private static string? Convert(char conversion, string flags, int width, int precision, object? value, Func<string> text)
    {
        var upper = char.IsUpper(conversion);
        switch (char.ToLowerInvariant(conversion))
        {
            case 'b':
            {
                if (HasAny(flags, "#+ 0,("))
                {
                    return null;
                }

                var result = value is null ? "false" : value is bool b ? (b ? "true" : "false") : "true";
                return Finish(Truncate(result, precision), width, flags, upper);
            }

            case 's':
            {
                if (HasAny(flags, "#+ 0,("))
                {
                    return null;
                }

                return Finish(Truncate(value is null ? "null" : text(), precision), width, flags, upper);
            }

            case 'c':
            {
                if (precision >= 0 || HasAny(flags, "#+ 0,("))
                {
                    return null;
                }

                if (value is null)
                {
                    return Finish("null", width, flags, upper);
                }

                int? codePoint = value switch
                {
                    sbyte v => v,
                    short v => v,
                    int v => v,
                    _ => null,
                };
                return codePoint is { } point && point >= 0 && point <= 0x10FFFF && (point < 0xD800 || point > 0xDFFF)
                    ? Finish(char.ConvertFromUtf32(point), width, flags, upper)
                    : null;
            }

            case 'd':
            {
                if (precision >= 0 || flags.Contains('#', StringComparison.Ordinal))
                {
                    return null;
                }

                if (value is null)
                {
                    return Finish("null", width, flags.Replace("0", "", StringComparison.Ordinal), upper: false);
                }

                if (!TryInteger(value, out var integer, out _))
                {
                    return null;
                }

                var digits = BigInteger.Abs(integer).ToString(CultureInfo.InvariantCulture);
                return Signed(integer.Sign < 0, Group(digits, flags), width, flags);
            }

            case 'o' or 'x':
            {
                if (precision >= 0)
                {
                    return null;
                }

                if (value is null)
                {
                    return Finish("null", width, flags.Replace("0", "", StringComparison.Ordinal).Replace("#", "", StringComparison.Ordinal), upper);
                }

                if (!TryInteger(value, out var integer, out var bits) || HasAny(flags, "+ ,("))
                {
                    return null;
                }

                var unsigned = integer.Sign < 0 ? integer + (BigInteger.One << bits) : integer;
                var hex = char.ToLowerInvariant(conversion) == 'x';
                var body = hex ? ToBase(unsigned, 16) : ToBase(unsigned, 8);
                if (flags.Contains('#', StringComparison.Ordinal))
                {
                    body = (hex ? "0x" : "0") + body;
                }

                if (flags.Contains('0', StringComparison.Ordinal) && body.Length < width)
                {
                    var prefix = flags.Contains('#', StringComparison.Ordinal) ? (hex ? 2 : 1) : 0;
                    body = body[..prefix] + new string('0', width - body.Length) + body[prefix..];
                }

                return Finish(body, width, flags, upper);
            }

            case 'e' or 'f' or 'g':
            {
                if (value is null)
                {
                    return Finish("null", width, flags.Replace("0", "", StringComparison.Ordinal), upper);
                }

                var kind = char.ToLowerInvariant(conversion);
                if ((kind == 'e' && flags.Contains(',', StringComparison.Ordinal)) || (kind == 'g' && flags.Contains('#', StringComparison.Ordinal)))
                {
                    return null;
                }

                string? shortest;
                bool negative;
                switch (value)
                {
                    case double d when double.IsNaN(d) || double.IsInfinity(d):
                    case float f when float.IsNaN(f) || float.IsInfinity(f):
                    {
                        var number = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                        var special = double.IsNaN(number) ? "NaN" : "Infinity";
                        var plainFlags = flags.Replace("0", "", StringComparison.Ordinal);
                        return double.IsNaN(number)
                            ? Finish(special, width, plainFlags, upper)
                            : Signed(number < 0, special, width, plainFlags, upper);
                    }

                    case double d:
                        shortest = d.ToString("R", CultureInfo.InvariantCulture);
                        negative = d < 0 || (d == 0 && double.IsNegative(d));
                        break;
                    case float f:
                        shortest = f.ToString("R", CultureInfo.InvariantCulture);
                        negative = f < 0 || (f == 0 && float.IsNegative(f));
                        break;
                    case decimal m:
                        shortest = m.ToString(CultureInfo.InvariantCulture);
                        negative = m < 0;
                        break;
                    default:
                        return null;
                }

                var (digitText, exponent) = Digits(shortest.TrimStart('-'));
                var body = kind switch
                {
                    'f' => Fixed(digitText, exponent, precision < 0 ? 6 : precision, flags),
                    'e' => Scientific(digitText, exponent, precision < 0 ? 6 : precision, flags),
                    _ => General(digitText, exponent, precision < 0 ? 6 : precision == 0 ? 1 : precision, flags),
                };
                return Signed(negative, body, width, flags, upper);
            }

            default:
                return null;
        }
    }

    private static bool HasAny(string flags, string forbidden)
    {
        foreach (var flag in flags)
        {
            if (forbidden.Contains(flag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryInteger(object value, out BigInteger integer, out int bits)
    {
        (integer, bits) = value switch
        {
            sbyte v => (new BigInteger(v), 8),
            short v => (new BigInteger(v), 16),
            int v => (new BigInteger(v), 32),
            long v => (new BigInteger(v), 64),
            _ => (BigInteger.Zero, 0),
        };
        return bits > 0;
    }

    private static string ToBase(BigInteger value, int radix)
    {
        if (value.IsZero)
        {
            return "0";
        }

        var text = new StringBuilder();
        while (!value.IsZero)
        {
            var digit = (int)(value % radix);
            text.Insert(0, "0123456789abcdef"[digit]);
            value /= radix;
        }

        return text.ToString();
    }

    /// <summary>The significant digits (no leading zeros; "0" for zero) and the exponent of the first one.</summary>
    private static (string Digits, int Exponent) Digits(string number)
    {
        var exponent = 0;
        var e = number.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(number.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            number = number[..e];
        }

        var point = number.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = point < 0 ? number.Length : point;
        var all = number.Replace(".", "", StringComparison.Ordinal);
        var leading = 0;
        while (leading < all.Length - 1 && all[leading] == '0')
        {
            leading++;
        }

        var digits = all[leading..].TrimEnd('0');
        if (digits.Length == 0)
        {
            return ("0", 0);
        }

        return (digits, exponent + integerDigits - leading - 1);
    }

    /// <summary>Rounds to <paramref name="keep"/> significant digits, half up; the exponent grows when a carry adds a digit.</summary>
    private static (string Digits, int Exponent) Round(string digits, int exponent, int keep)
    {
        if (digits == "0")
        {
            return ("0", 0);
        }

        if (keep < 0)
        {
            return ("0", 0);
        }

        if (keep >= digits.Length)
        {
            return (digits, exponent);
        }

        var up = digits[keep] >= '5';
        var kept = keep == 0 ? "0" : digits[..keep];
        if (!up)
        {
            return keep == 0 ? ("0", 0) : (kept, exponent);
        }

        if (keep == 0)
        {
            return ("1", exponent + 1);
        }

        var chars = kept.ToCharArray();
        var position = chars.Length - 1;
        while (position >= 0 && chars[position] == '9')
        {
            chars[position] = '0';
            position--;
        }

        if (position < 0)
        {
            return ("1" + new string(chars), exponent + 1);
        }

        chars[position]++;
        return (new string(chars), exponent);
    }

    private static string Fixed(string digits, int exponent, int precision, string flags)
    {
        (digits, exponent) = Round(digits, exponent, exponent + 1 + precision);
        string integerPart;
        string fraction;
        if (digits == "0")
        {
            integerPart = "0";
            fraction = new string('0', precision);
        }
        else if (exponent >= 0)
        {
            var padded = digits.PadRight(exponent + 1 + precision, '0');
            integerPart = padded[..(exponent + 1)];
            fraction = padded[(exponent + 1)..];
        }
        else
        {
            integerPart = "0";
            fraction = (new string('0', -exponent - 1) + digits).PadRight(precision, '0')[..precision];
        }

        integerPart = Group(integerPart, flags);
        return precision == 0 ? integerPart + (flags.Contains('#', StringComparison.Ordinal) ? "." : "") : integerPart + "." + fraction;
    }

    private static string Scientific(string digits, int exponent, int precision, string flags)
    {
        (digits, exponent) = Round(digits, exponent, precision + 1);
        if (digits == "0")
        {
            exponent = 0;
        }

        var padded = digits.PadRight(precision + 1, '0');
        var mantissa = precision == 0
            ? padded[..1] + (flags.Contains('#', StringComparison.Ordinal) ? "." : "")
            : padded[..1] + "." + padded[1..];
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    private static string General(string digits, int exponent, int precision, string flags)
    {
        var (rounded, roundedExponent) = Round(digits, exponent, precision);
        return rounded != "0" && (roundedExponent < -4 || roundedExponent >= precision)
            ? Scientific(digits, exponent, precision - 1, flags)
            : Fixed(digits, exponent, Math.Max(0, precision - 1 - (rounded == "0" ? 0 : roundedExponent)), flags);
    }

    private static string Group(string digits, string flags)
    {
        if (!flags.Contains(',', StringComparison.Ordinal) || digits.Length <= 3)
        {
            return digits;
        }

        var grouped = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0)
            {
                grouped.Append(',');
            }

            grouped.Append(digits[i]);
        }

        return grouped.ToString();
    }

    private static string Signed(bool negative, string body, int width, string flags, bool upper = false)
    {
        string prefix;
        var suffix = "";
        if (negative)
        {
            (prefix, suffix) = flags.Contains('(', StringComparison.Ordinal) ? ("(", ")") : ("-", "");
        }
        else
        {
            prefix = flags.Contains('+', StringComparison.Ordinal) ? "+" : flags.Contains(' ', StringComparison.Ordinal) ? " " : "";
        }

        var length = prefix.Length + body.Length + suffix.Length;
        if (flags.Contains('0', StringComparison.Ordinal) && length < width)
        {
            body = new string('0', width - length) + body;
        }

        return Finish(prefix + body + suffix, width, flags, upper);
    }

    private static string Truncate(string text, int precision) =>
        precision >= 0 && precision < text.Length ? text[..precision] : text;

    private static string Finish(string text, int width, string flags, bool upper)
    {
        if (upper)
        {
            text = text.ToUpperInvariant();
        }

        return Pad(text, width, flags);
    }

    private static string Pad(string text, int width, string flags) =>
        width <= text.Length ? text
        : flags.Contains('-', StringComparison.Ordinal) ? text.PadRight(width) : text.PadLeft(width);
}
