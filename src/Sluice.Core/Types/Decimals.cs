using System.Numerics;

namespace Sluice.Core.Types;

/// <summary>
/// Conversions between <see cref="decimal"/> and the scaled integers that store <c>DECIMAL(p, s)</c>
/// (the unscaled value is <c>value × 10^s</c>; <see cref="PhysicalType.Decimal64"/> for p ≤ 18,
/// <see cref="PhysicalType.Decimal128"/> above). Rounding is half away from zero (Flink's HALF_UP).
/// Stateless and thread-safe.
/// </summary>
public static class Decimals
{
    private static readonly Int128[] PowersOf10 = BuildPowers();

    /// <summary>10 to the power <paramref name="exponent"/> (0..38).</summary>
    public static Int128 Pow10(int exponent) => PowersOf10[exponent];

    /// <summary>
    /// The unscaled value of <paramref name="value"/> at <paramref name="scale"/> digits, rounded half away
    /// from zero, or false when it needs more than <paramref name="precision"/> digits.
    /// </summary>
    public static bool TryToUnscaled(decimal value, int precision, int scale, out Int128 unscaled)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        var negative = bits[3] < 0;
        var valueScale = (bits[3] >> 16) & 0xFF;
        magnitude = Rescale(magnitude, valueScale, scale, out var overflow);
        if (overflow || magnitude >= Pow10(precision))
        {
            unscaled = 0;
            return false;
        }

        unscaled = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>The unscaled value of <paramref name="value"/> as stored in a column of <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not <c>DECIMAL</c>.</exception>
    /// <exception cref="OverflowException">The value needs more digits than the type's precision.</exception>
    public static Int128 ToUnscaled(decimal value, DataType type)
    {
        if (type.TypeId != TypeId.Decimal)
        {
            throw new ArgumentException($"Expected a DECIMAL type, got {type}.", nameof(type));
        }

        if (!TryToUnscaled(value, type.Precision, type.Scale, out var unscaled))
        {
            throw new OverflowException($"Value {value} does not fit {type}.");
        }

        return unscaled;
    }

    /// <summary>
    /// The <see cref="decimal"/> of an unscaled value. <see cref="decimal"/> holds 28 to 29 digits: digits
    /// beyond that are rounded away (half away from zero).
    /// </summary>
    /// <exception cref="OverflowException">The integral part does not fit a <see cref="decimal"/>.</exception>
    public static decimal ToDecimal(Int128 unscaled, int scale)
    {
        var negative = unscaled < 0;
        var magnitude = negative ? -unscaled : unscaled;
        var max = ((Int128)1 << 96) - 1;
        while (scale > 28 || magnitude > max)
        {
            if (scale == 0)
            {
                throw new OverflowException($"The unscaled value {unscaled} does not fit a System.Decimal.");
            }

            magnitude = DivideRounded(magnitude, 10);
            scale--;
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);
    }

    /// <summary>The <see cref="decimal"/> of an unscaled 64-bit value.</summary>
    public static decimal ToDecimal(long unscaled, int scale) => ToDecimal((Int128)unscaled, scale);

    private static Int128 Rescale(Int128 magnitude, int fromScale, int toScale, out bool overflow)
    {
        overflow = false;
        if (toScale >= fromScale)
        {
            var factor = Pow10(toScale - fromScale);
            if (magnitude != 0 && magnitude > Int128.MaxValue / factor)
            {
                overflow = true;
                return 0;
            }

            return magnitude * factor;
        }

        return DivideRounded(magnitude, Pow10(fromScale - toScale));
    }

    private static Int128 DivideRounded(Int128 magnitude, Int128 divisor)
    {
        var (quotient, remainder) = Int128.DivRem(magnitude, divisor);
        return remainder * 2 >= divisor ? quotient + 1 : quotient;
    }

    private static Int128[] BuildPowers()
    {
        var powers = new Int128[DataTypes.MaxDecimalPrecision + 1];
        Int128 value = 1;
        for (var i = 0; i < powers.Length; i++)
        {
            powers[i] = value;
            value *= 10;
        }

        return powers;
    }
}
