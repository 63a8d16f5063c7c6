using System.Globalization;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Floating-point numbers as Java's <c>Double.toString</c> / <c>Float.toString</c> write them, which is Flink's text
/// for <c>CAST(DOUBLE AS STRING)</c>: the shortest digits that round-trip, plain between 10^-3 and 10^7 with at least
/// one fraction digit (<c>1.0</c>, <c>0.001</c>, <c>1234567.0</c>), otherwise scientific (<c>1.0E7</c>,
/// <c>1.5E-4</c>); <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>.
/// </summary>
internal static class JavaNumberText
{
    /// <summary>The most bytes a formatted number takes.</summary>
    public const int MaxLength = 32;

    /// <summary>The text of a <c>DOUBLE</c>.</summary>
    public static string Format(double value)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        return System.Text.Encoding.ASCII.GetString(text[..Format(value, text)]);
    }

    /// <summary>The text of a <c>FLOAT</c> (the shortest digits of the 32-bit value, not of its widening).</summary>
    public static string Format(float value)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        return System.Text.Encoding.ASCII.GetString(text[..Format(value, text)]);
    }

    public static int Format(double value, Span<byte> destination)
    {
        if (double.IsNaN(value))
        {
            return Copy("NaN"u8, destination);
        }

        if (double.IsInfinity(value))
        {
            return Copy(value > 0 ? "Infinity"u8 : "-Infinity"u8, destination);
        }

        Span<byte> shortest = stackalloc byte[40];
        value.TryFormat(shortest, out var length, "R", CultureInfo.InvariantCulture);
        return Layout(shortest[..length], value == 0 ? 0 : Math.Abs(value), destination);
    }

    public static int Format(float value, Span<byte> destination)
    {
        if (float.IsNaN(value))
        {
            return Copy("NaN"u8, destination);
        }

        if (float.IsInfinity(value))
        {
            return Copy(value > 0 ? "Infinity"u8 : "-Infinity"u8, destination);
        }

        Span<byte> shortest = stackalloc byte[40];
        value.TryFormat(shortest, out var length, "R", CultureInfo.InvariantCulture);
        return Layout(shortest[..length], value == 0 ? 0 : Math.Abs((double)value), destination);
    }

    private static int Layout(ReadOnlySpan<byte> text, double magnitude, Span<byte> destination)
    {
        // Split .NET's shortest form ("-1.5E-05", "123.45", "1E+20") into sign, digits and the exponent of the first digit.
        var negative = text[0] == '-';
        Span<byte> digits = stackalloc byte[32];
        var count = 0;
        var pointIndex = -1;
        var exponent = 0;
        var i = negative ? 1 : 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                pointIndex = count;
            }
            else if (c is (byte)'E' or (byte)'e')
            {
                exponent = int.Parse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            else
            {
                digits[count++] = c;
            }
        }

        if (pointIndex < 0)
        {
            pointIndex = count;
        }

        // Leading zeros (0.00123) move the first significant digit.
        var start = 0;
        while (start < count - 1 && digits[start] == '0')
        {
            start++;
        }

        var firstDigitExponent = pointIndex - start - 1 + exponent;
        var significant = digits[start..count];
        var end = significant.Length;
        while (end > 1 && significant[end - 1] == '0')
        {
            end--;
        }

        significant = significant[..end];
        var position = 0;
        if (negative)
        {
            destination[position++] = (byte)'-';
        }

        if (magnitude == 0)
        {
            return position + Copy("0.0"u8, destination[position..]);
        }

        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            if (firstDigitExponent < 0)
            {
                destination[position++] = (byte)'0';
                destination[position++] = (byte)'.';
                for (var z = -1; z > firstDigitExponent; z--)
                {
                    destination[position++] = (byte)'0';
                }

                significant.CopyTo(destination[position..]);
                return position + significant.Length;
            }

            var integerDigits = firstDigitExponent + 1;
            for (var d = 0; d < integerDigits; d++)
            {
                destination[position++] = d < significant.Length ? significant[d] : (byte)'0';
            }

            destination[position++] = (byte)'.';
            if (integerDigits >= significant.Length)
            {
                destination[position++] = (byte)'0';
            }
            else
            {
                significant[integerDigits..].CopyTo(destination[position..]);
                position += significant.Length - integerDigits;
            }

            return position;
        }

        destination[position++] = significant[0];
        destination[position++] = (byte)'.';
        if (significant.Length == 1)
        {
            destination[position++] = (byte)'0';
        }
        else
        {
            significant[1..].CopyTo(destination[position..]);
            position += significant.Length - 1;
        }

        destination[position++] = (byte)'E';
        firstDigitExponent.TryFormat(destination[position..], out var written, default, CultureInfo.InvariantCulture);
        return position + written;
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
