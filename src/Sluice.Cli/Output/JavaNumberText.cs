using System.Globalization;
using System.Text;

namespace Sluice.Cli.Output;

/// <summary>
/// Floating-point numbers written as Flink (that is Java's <c>Double.toString</c>) writes them: the shortest digits
/// that read back to the same value, plain notation with at least one fractional digit for magnitudes in
/// [10^-3, 10^7) (<c>1.0</c>, <c>0.001</c>, <c>1234567.0</c>), scientific notation otherwise (<c>1.0E7</c>,
/// <c>1.5E-4</c>); <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>. Stateless and thread-safe.
/// </summary>
internal static class JavaNumberText
{
    /// <summary>The text of a <c>DOUBLE</c>.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        return Layout(value.ToString("R", CultureInfo.InvariantCulture), Math.Abs(value));
    }

    /// <summary>The text of a <c>FLOAT</c> (the shortest digits of the 32-bit value, not of its widening).</summary>
    public static string Format(float value)
    {
        if (float.IsNaN(value))
        {
            return "NaN";
        }

        if (float.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        return Layout(value.ToString("R", CultureInfo.InvariantCulture), Math.Abs((double)value));
    }

    /// <summary>
    /// Re-lays out .NET's shortest round-trip text (<c>123.45</c>, <c>1E+20</c>, <c>1.5E-05</c>) in Java's notation.
    /// </summary>
    private static string Layout(string roundTrip, double magnitude)
    {
        var negative = roundTrip.StartsWith('-');
        var text = negative ? roundTrip[1..] : roundTrip;
        var exponentAt = text.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integral = point < 0 ? mantissa : mantissa[..point];
        var fraction = point < 0 ? "" : mantissa[(point + 1)..];

        // value = 0.<digits> × 10^pointPosition
        var digits = (integral + fraction).TrimStart('0');
        var pointPosition = integral.Length + exponent - ((integral + fraction).Length - digits.Length);
        digits = digits.TrimEnd('0');
        var builder = new StringBuilder(digits.Length + 8);
        if (negative)
        {
            builder.Append('-');
        }

        if (digits.Length == 0)
        {
            return builder.Append("0.0").ToString();
        }

        if (magnitude is >= 1e-3 and < 1e7)
        {
            if (pointPosition <= 0)
            {
                builder.Append("0.").Append('0', -pointPosition).Append(digits);
            }
            else if (pointPosition >= digits.Length)
            {
                builder.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
            }
            else
            {
                builder.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
            }
        }
        else
        {
            builder.Append(digits[0]).Append('.');
            builder.Append(digits.Length > 1 ? digits[1..] : "0");
            builder.Append('E').Append((pointPosition - 1).ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
