using System.Globalization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Exact arithmetic on unscaled decimal values (the storage of <c>DECIMAL(p, s)</c>, see <see cref="Decimals"/>) as
/// Flink does it with <c>BigDecimal</c>: rounding half up (away from zero), and an out-of-range result reported to the
/// caller (Flink's <c>DecimalData</c> turns it into NULL). Intermediate products use 256 bits, so nothing allocates.
/// </summary>
internal static class DecimalMath
{
    /// <summary>The outcome of parsing or converting a value to a decimal.</summary>
    public enum Status
    {
        Ok,
        Invalid,
        Overflow,
    }

    public static Int128 Pow10(int exponent) => Decimals.Pow10(exponent);

    /// <summary>The unscaled value at <paramref name="row"/> of a decimal vector of either storage.</summary>
    public static Int128 Read(ColumnVector vector, int row) =>
        vector is PrimitiveVector<long> narrow ? narrow.Values[row] : ((PrimitiveVector<Int128>)vector).Values[row];

    /// <summary>A vector of <paramref name="rows"/> zero values of the decimal <paramref name="type"/>.</summary>
    public static ColumnVector Allocate(DataType type, int rows) =>
        type.PhysicalType == PhysicalType.Decimal64
            ? PrimitiveVector<long>.Allocate(type, rows)
            : PrimitiveVector<Int128>.Allocate(type, rows);

    /// <summary>Writes an unscaled value that fits the vector's precision.</summary>
    public static void Write(ColumnVector vector, int row, Int128 value)
    {
        if (vector is PrimitiveVector<long> narrow)
        {
            narrow.Values[row] = (long)value;
        }
        else
        {
            ((PrimitiveVector<Int128>)vector).Values[row] = value;
        }
    }

    /// <summary>True when the unscaled value has at most <paramref name="precision"/> digits.</summary>
    public static bool Fits(Int128 value, int precision)
    {
        var limit = Pow10(Math.Min(precision, DataTypes.MaxDecimalPrecision));
        return value < limit && value > -limit;
    }

    /// <summary>The value at another scale: more digits exactly, fewer rounded half up (or truncated).</summary>
    public static bool TryRescale(Int128 value, int fromScale, int toScale, out Int128 result, bool truncate = false)
    {
        if (toScale >= fromScale)
        {
            var shift = toScale - fromScale;
            if (shift > DataTypes.MaxDecimalPrecision)
            {
                result = 0;
                return value == 0;
            }

            var factor = Pow10(shift);
            if (value != 0 && (value > Int128.MaxValue / factor || value < Int128.MinValue / factor))
            {
                result = 0;
                return false;
            }

            result = value * factor;
            return true;
        }

        var drop = fromScale - toScale;
        if (drop > DataTypes.MaxDecimalPrecision)
        {
            result = 0;
            return true;
        }

        var divisor = Pow10(drop);
        var (quotient, remainder) = Int128.DivRem(value, divisor);
        if (!truncate)
        {
            var magnitude = remainder < 0 ? -remainder : remainder;
            if (magnitude >= divisor - magnitude)
            {
                quotient += value < 0 ? -1 : 1;
            }
        }

        result = quotient;
        return true;
    }

    /// <summary><c>a + b</c> at scale <paramref name="resultScale"/>, or false when it overflows the precision.</summary>
    public static bool TryAdd(Int128 a, int aScale, Int128 b, int bScale, int resultScale, int precision, out Int128 result)
    {
        var common = Math.Max(aScale, bScale);
        if (TryRescale(a, aScale, common, out var x) && TryRescale(b, bScale, common, out var y) && TryAddExact(x, y, out var sum))
        {
            return TryRescale(sum, common, resultScale, out result) && Fits(result, precision);
        }

        // Aligning overflowed 128 bits (only for a result scale cut below the operands'): round each operand first.
        if (TryRescale(a, aScale, resultScale, out x) && TryRescale(b, bScale, resultScale, out y) && TryAddExact(x, y, out result))
        {
            return Fits(result, precision);
        }

        result = 0;
        return false;
    }

    /// <summary><c>a * b</c> where the exact product has scale <c>aScale + bScale</c>, rounded to <paramref name="resultScale"/>.</summary>
    public static bool TryMultiply(Int128 a, Int128 b, int productScale, int resultScale, int precision, out Int128 result)
    {
        if (resultScale == productScale && a >= long.MinValue && a <= long.MaxValue && b >= long.MinValue && b <= long.MaxValue)
        {
            // The common case (e.g. 0.908 * price): two 64-bit unscaled values whose exact product is the result.
            result = (Int128)(long)a * (long)b;
            if (Fits(result, precision))
            {
                return true;
            }

            result = 0;
            return false;
        }

        var negative = (a < 0) ^ (b < 0);
        var product = UInt256.Multiply(Magnitude(a), Magnitude(b));
        if (resultScale > productScale)
        {
            if (product.FitsUInt128 && product.Low <= (UInt128)Int128.MaxValue
                && TryRescale((Int128)product.Low, productScale, resultScale, out var scaled) && Fits(scaled, precision))
            {
                result = negative ? -scaled : scaled;
                return true;
            }

            result = 0;
            return false;
        }

        var rounded = UInt256.DivideByPowerOf10Rounded(product, productScale - resultScale);
        return TryFinish(rounded, negative, precision, out result);
    }

    /// <summary>
    /// <c>a / b</c> (scales <paramref name="aScale"/>, <paramref name="bScale"/>) at <paramref name="resultScale"/>,
    /// rounded half up. The divisor must not be zero.
    /// </summary>
    public static bool TryDivide(Int128 a, int aScale, Int128 b, int bScale, int resultScale, int precision, out Int128 result)
    {
        var negative = (a < 0) ^ (b < 0);
        var dividend = Magnitude(a);
        var divisor = Magnitude(b);
        var shift = resultScale - aScale + bScale;
        UInt256 numerator;
        if (shift >= 0)
        {
            numerator = new UInt256(0, dividend);
            var remaining = shift;
            while (remaining > 0)
            {
                var step = Math.Min(remaining, 18);
                if (!UInt256.TryMultiply(numerator, (ulong)Decimals64.Pow10(step), out numerator))
                {
                    result = 0;
                    return false;
                }

                remaining -= step;
            }
        }
        else
        {
            numerator = new UInt256(0, dividend);
            var scaledDivisor = UInt256.Multiply(divisor, (UInt128)Pow10(Math.Min(-shift, DataTypes.MaxDecimalPrecision)));
            if (!scaledDivisor.FitsUInt128 || scaledDivisor.Low > (UInt128)Int128.MaxValue || -shift > DataTypes.MaxDecimalPrecision)
            {
                result = 0;
                return true;
            }

            divisor = scaledDivisor.Low;
        }

        var quotient = UInt256.DivRem(numerator, divisor, out var remainder);
        if (remainder >= divisor - remainder)
        {
            quotient = UInt256.Increment(quotient);
        }

        return TryFinish(quotient, negative, precision, out result);
    }

    /// <summary>
    /// The remainder of <c>a / b</c> with the sign of <paramref name="a"/> (Java's <c>BigDecimal.remainder</c>), at
    /// <paramref name="resultScale"/> = max(aScale, bScale). The divisor must not be zero.
    /// </summary>
    public static Int128 Remainder(Int128 a, int aScale, Int128 b, int bScale, int resultScale)
    {
        var dividend = ScaleUp(Magnitude(a), resultScale - aScale);
        var divisor = ScaleUp(Magnitude(b), resultScale - bScale);
        Int128 magnitude;
        if (!divisor.FitsUInt128)
        {
            magnitude = (Int128)dividend.Low;
        }
        else
        {
            UInt256.DivRem(dividend, divisor.Low, out var remainder);
            magnitude = (Int128)remainder;
        }

        return a < 0 ? -magnitude : magnitude;
    }

    /// <summary>The order of two decimal values of possibly different scales.</summary>
    public static int Compare(Int128 a, int aScale, Int128 b, int bScale)
    {
        if (aScale == bScale)
        {
            return a.CompareTo(b);
        }

        if (aScale < bScale)
        {
            return TryRescale(a, aScale, bScale, out var x) ? x.CompareTo(b) : a.CompareTo(0);
        }

        return TryRescale(b, bScale, aScale, out var y) ? a.CompareTo(y) : -b.CompareTo(0);
    }

    /// <summary>
    /// Parses a decimal number (surrounding whitespace, a sign, a fraction and an exponent allowed) to the unscaled
    /// value at <paramref name="scale"/>, rounded half up.
    /// </summary>
    public static Status Parse(ReadOnlySpan<byte> text, int precision, int scale, out Int128 result, bool truncate = false)
    {
        result = 0;
        text = text.Trim(" \t\r\n"u8);
        if (text.IsEmpty)
        {
            return Status.Invalid;
        }

        var position = 0;
        var negative = false;
        if (text[0] is (byte)'+' or (byte)'-')
        {
            negative = text[0] == '-';
            position++;
        }

        Span<byte> digits = text.Length <= 256 ? stackalloc byte[text.Length] : new byte[text.Length];
        var count = 0;
        var exponent = 0L;
        var sawDigit = false;
        var sawPoint = false;
        for (; position < text.Length; position++)
        {
            var c = text[position];
            if (c is >= (byte)'0' and <= (byte)'9')
            {
                sawDigit = true;
                if (count > 0 || c != '0')
                {
                    digits[count++] = (byte)(c - '0');
                }

                if (sawPoint)
                {
                    exponent--;
                }
            }
            else if (c == '.' && !sawPoint)
            {
                sawPoint = true;
            }
            else
            {
                break;
            }
        }

        if (!sawDigit)
        {
            return Status.Invalid;
        }

        if (position < text.Length)
        {
            if (text[position] is not ((byte)'e' or (byte)'E'))
            {
                return Status.Invalid;
            }

            position++;
            var expNegative = false;
            if (position < text.Length && text[position] is (byte)'+' or (byte)'-')
            {
                expNegative = text[position] == '-';
                position++;
            }

            if (position >= text.Length)
            {
                return Status.Invalid;
            }

            long value = 0;
            for (; position < text.Length; position++)
            {
                var c = text[position];
                if (c is < (byte)'0' or > (byte)'9')
                {
                    return Status.Invalid;
                }

                value = Math.Min(value * 10 + (c - '0'), 100_000);
            }

            exponent += expNegative ? -value : value;
        }

        if (count == 0)
        {
            return Status.Ok;
        }

        // The value is digits × 10^exponent; keep count + exponent + scale digits.
        var keep = count + exponent + scale;
        if (keep > DataTypes.MaxDecimalPrecision + 1)
        {
            return Status.Overflow;
        }

        Int128 magnitude = 0;
        var kept = (int)Math.Clamp(keep, 0, count);
        for (var i = 0; i < kept; i++)
        {
            magnitude = (magnitude * 10) + digits[i];
        }

        for (var i = count; i < keep; i++)
        {
            magnitude *= 10;
        }

        if (!truncate && kept < count && keep >= 0 && digits[kept] >= 5)
        {
            magnitude++;
        }

        if (!Fits(magnitude, precision))
        {
            return Status.Overflow;
        }

        result = negative ? -magnitude : magnitude;
        return Status.Ok;
    }

    /// <summary>Writes the value as plain text with exactly <paramref name="scale"/> fraction digits (<c>-1.50</c>).</summary>
    public static void Format(Int128 value, int scale, Utf8Buffer output)
    {
        var written = Format(value, scale, output.GetSpan(MaxTextLength));
        output.Advance(written);
    }

    /// <summary>The most bytes <see cref="Format(Int128, int, Span{byte})"/> writes.</summary>
    public const int MaxTextLength = 84;

    /// <summary>Writes the value as plain text to <paramref name="destination"/> (at least <see cref="MaxTextLength"/> bytes); returns the length.</summary>
    public static int Format(Int128 value, int scale, Span<byte> destination)
    {
        var position = 0;
        if (value < 0)
        {
            destination[position++] = (byte)'-';
        }

        Span<byte> digits = stackalloc byte[48];
        Magnitude(value).TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        if (scale == 0)
        {
            digits[..length].CopyTo(destination[position..]);
            return position + length;
        }

        if (length <= scale)
        {
            destination[position++] = (byte)'0';
            destination[position++] = (byte)'.';
            for (var i = length; i < scale; i++)
            {
                destination[position++] = (byte)'0';
            }

            digits[..length].CopyTo(destination[position..]);
            return position + length;
        }

        digits[..(length - scale)].CopyTo(destination[position..]);
        position += length - scale;
        destination[position++] = (byte)'.';
        digits[(length - scale)..length].CopyTo(destination[position..]);
        return position + scale;
    }

    /// <summary>A double as a decimal, from its shortest decimal form (Java's <c>BigDecimal.valueOf(double)</c>).</summary>
    public static Status FromDouble(double value, int precision, int scale, out Int128 result, bool truncate = false)
    {
        if (!double.IsFinite(value))
        {
            result = 0;
            return Status.Invalid;
        }

        Span<byte> text = stackalloc byte[40];
        value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        return Parse(text[..length], precision, scale, out result, truncate);
    }

    /// <summary>A float as a decimal, from its shortest decimal form (Java's <c>new BigDecimal(Float.toString(f))</c>).</summary>
    public static Status FromFloat(float value, int precision, int scale, out Int128 result, bool truncate = false)
    {
        if (!float.IsFinite(value))
        {
            result = 0;
            return Status.Invalid;
        }

        Span<byte> text = stackalloc byte[40];
        value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        return Parse(text[..length], precision, scale, out result, truncate);
    }

    /// <summary>The nearest double of a decimal value.</summary>
    public static double ToDouble(Int128 value, int scale)
    {
        if (value > -(1L << 53) && value < (1L << 53) && scale <= 22)
        {
            return (double)(long)value / Math.Pow(10, scale);
        }

        Span<byte> text = stackalloc byte[MaxTextLength];
        var length = Format(value, scale, text);
        return double.Parse(text[..length], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static UInt128 Magnitude(Int128 value) => value < 0 ? (UInt128)(-value) : (UInt128)value;

    private static UInt256 ScaleUp(UInt128 value, int exponent)
    {
        var result = new UInt256(0, value);
        while (exponent > 0)
        {
            var step = Math.Min(exponent, 18);
            if (!UInt256.TryMultiply(result, (ulong)Decimals64.Pow10(step), out result))
            {
                return new UInt256(UInt128.MaxValue, UInt128.MaxValue);
            }

            exponent -= step;
        }

        return result;
    }

    private static bool TryAddExact(Int128 a, Int128 b, out Int128 sum)
    {
        sum = unchecked(a + b);
        return !((a >= 0) == (b >= 0) && (sum >= 0) != (a >= 0));
    }

    private static bool TryFinish(UInt256 magnitude, bool negative, int precision, out Int128 result)
    {
        if (!magnitude.FitsUInt128 || magnitude.Low >= (UInt128)Pow10(Math.Min(precision, DataTypes.MaxDecimalPrecision)))
        {
            result = 0;
            return false;
        }

        var value = (Int128)magnitude.Low;
        result = negative ? -value : value;
        return true;
    }
}
