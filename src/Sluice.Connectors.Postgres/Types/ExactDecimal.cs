using System.Globalization;
using Sluice.Core.Types;

namespace Sluice.Connectors.Postgres.Types;

/// <summary>
/// Parses PostgreSQL's text of a <c>numeric</c> exactly into a value of a <c>DECIMAL(p, s)</c> column: rounded half
/// away from zero to the scale (as a cast to the type does), and refused when it then needs more than p digits, so no
/// digit is lost silently. Sluice's DECIMAL holds up to 38 digits, more than <see cref="decimal"/>'s 28: such values
/// come back as <see cref="UnscaledDecimal"/>. Stateless and thread-safe.
/// </summary>
internal static class ExactDecimal
{
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    /// <summary>The value of <paramref name="text"/> in a column of <paramref name="type"/>.</summary>
    /// <returns>A <see cref="decimal"/> when one holds the value exactly, otherwise an <see cref="UnscaledDecimal"/>.</returns>
    /// <exception cref="FormatException">The text is not a number (or is NaN or infinite, which DECIMAL cannot hold).</exception>
    /// <exception cref="OverflowException">The value needs more digits than the type's precision.</exception>
    public static object Parse(string text, DataType type)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(type);
        var span = text.AsSpan().Trim();
        var negative = span.Length > 0 && span[0] == '-';
        if (span.Length > 0 && span[0] is '-' or '+')
        {
            span = span[1..];
        }

        var exponent = 0;
        var e = span.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            if (!int.TryParse(span[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent) || Math.Abs(exponent) > 1000)
            {
                throw new FormatException($"'{text}' is not a number DECIMAL can hold.");
            }

            span = span[..e];
        }

        var point = span.IndexOf('.');
        var integral = point < 0 ? span : span[..point];
        var fraction = point < 0 ? [] : span[(point + 1)..];
        if (integral.Length + fraction.Length == 0 || integral.ContainsAnyExcept(Digits) || fraction.ContainsAnyExcept(Digits))
        {
            throw new FormatException($"'{text}' is not a number DECIMAL can hold.");
        }

        // The digits and the power of ten of the last one: value = digits × 10^(exponent - fraction length).
        var digits = string.Concat(integral, fraction).TrimStart('0');
        var lastPower = exponent - fraction.Length;
        var unscaled = Int128.Zero;
        var keep = digits.Length + lastPower + type.Scale; // digits at or above 10^-scale
        var precision = type.Precision;
        if (keep > precision)
        {
            throw Overflow(text, type);
        }

        for (var i = 0; i < Math.Min(keep, digits.Length); i++)
        {
            unscaled = unscaled * 10 + (digits[i] - '0');
        }

        for (var i = digits.Length; i < keep; i++)
        {
            unscaled *= 10;
        }

        if (keep >= 0 && keep < digits.Length && digits[keep] >= '5')
        {
            unscaled += 1; // half away from zero
        }

        if (unscaled >= Decimals.Pow10(precision))
        {
            throw Overflow(text, type);
        }

        if (negative)
        {
            unscaled = -unscaled;
        }

        return FromUnscaled(unscaled, type);
    }

    /// <summary>
    /// The external value of a stored <c>DECIMAL</c> of <paramref name="type"/>: a <see cref="decimal"/> when one holds it
    /// exactly, otherwise an <see cref="UnscaledDecimal"/> (which <see cref="PostgresTypes.ToParameter"/> writes as text).
    /// </summary>
    public static object FromUnscaled(Int128 unscaled, DataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Scale <= 28 && Int128.Abs(unscaled) < Decimals.Pow10(28)
            ? Decimals.ToDecimal(unscaled, type.Scale)
            : new UnscaledDecimal(unscaled);
    }

    /// <summary>The exact decimal text of <paramref name="unscaled"/> × 10^-<paramref name="scale"/> (e.g. <c>-12.340</c>), as PostgreSQL parses it.</summary>
    public static string Format(Int128 unscaled, int scale)
    {
        var digits = Int128.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        var sign = unscaled < 0 ? "-" : "";
        if (scale <= 0)
        {
            return sign + digits + new string('0', -scale);
        }

        digits = digits.PadLeft(scale + 1, '0');
        return string.Concat(sign, digits.AsSpan(0, digits.Length - scale), ".", digits.AsSpan(digits.Length - scale));
    }

    private static OverflowException Overflow(string text, DataType type) =>
        new($"the value {text} needs more than the {type.Precision} digits of {type} (after rounding to {type.Scale} decimal places)");
}
