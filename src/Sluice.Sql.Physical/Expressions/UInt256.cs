namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// A 256-bit unsigned integer, just enough for exact decimal arithmetic on 38-digit values (products, scaled
/// dividends) without allocating: full multiplication of two 128-bit values, division by 64- and 128-bit divisors.
/// </summary>
internal readonly struct UInt256
{
    public UInt256(UInt128 high, UInt128 low)
    {
        High = high;
        Low = low;
    }

    public UInt128 High { get; }

    public UInt128 Low { get; }

    public bool FitsUInt128 => High == 0;

    /// <summary>The exact product of two 128-bit values.</summary>
    public static UInt256 Multiply(UInt128 a, UInt128 b)
    {
        var a0 = (ulong)a;
        var a1 = (ulong)(a >> 64);
        var b0 = (ulong)b;
        var b1 = (ulong)(b >> 64);
        var p00 = (UInt128)a0 * b0;
        var p01 = (UInt128)a0 * b1;
        var p10 = (UInt128)a1 * b0;
        var p11 = (UInt128)a1 * b1;
        var middle = (p00 >> 64) + (ulong)p01 + (ulong)p10;
        var low = (middle << 64) | (ulong)p00;
        var high = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
        return new UInt256(high, low);
    }

    /// <summary>The product with a 64-bit factor, or false when it needs more than 256 bits.</summary>
    public static bool TryMultiply(UInt256 a, ulong factor, out UInt256 result)
    {
        var low = Multiply(a.Low, factor);
        var high = Multiply(a.High, factor);
        if (!high.FitsUInt128)
        {
            result = default;
            return false;
        }

        var sum = high.Low + low.High;
        if (sum < high.Low)
        {
            result = default;
            return false;
        }

        result = new UInt256(sum, low.Low);
        return true;
    }

    /// <summary>The quotient and remainder of a division by a 64-bit divisor.</summary>
    public static UInt256 DivRem(UInt256 value, ulong divisor, out ulong remainder)
    {
        Span<ulong> limbs = [(ulong)(value.High >> 64), (ulong)value.High, (ulong)(value.Low >> 64), (ulong)value.Low];
        UInt128 rem = 0;
        for (var i = 0; i < limbs.Length; i++)
        {
            var current = (rem << 64) | limbs[i];
            limbs[i] = (ulong)(current / divisor);
            rem = current % divisor;
        }

        remainder = (ulong)rem;
        return new UInt256(((UInt128)limbs[0] << 64) | limbs[1], ((UInt128)limbs[2] << 64) | limbs[3]);
    }

    /// <summary>The quotient and remainder of a division by a divisor below 2^127.</summary>
    public static UInt256 DivRem(UInt256 value, UInt128 divisor, out UInt128 remainder)
    {
        if (divisor <= ulong.MaxValue)
        {
            var quotient64 = DivRem(value, (ulong)divisor, out var small);
            remainder = small;
            return quotient64;
        }

        UInt128 rem = 0;
        UInt128 high = 0;
        UInt128 low = 0;
        for (var bit = 255; bit >= 0; bit--)
        {
            var word = bit >= 128 ? value.High : value.Low;
            rem = (rem << 1) | ((word >> (bit & 127)) & 1);
            if (rem >= divisor)
            {
                rem -= divisor;
                if (bit >= 128)
                {
                    high |= (UInt128)1 << (bit - 128);
                }
                else
                {
                    low |= (UInt128)1 << bit;
                }
            }
        }

        remainder = rem;
        return new UInt256(high, low);
    }

    /// <summary>The value divided by 10^<paramref name="exponent"/>, rounded half up (away from zero).</summary>
    public static UInt256 DivideByPowerOf10Rounded(UInt256 value, int exponent)
    {
        if (exponent <= 0)
        {
            return value;
        }

        var remaining = exponent - 1;
        while (remaining >= 19)
        {
            value = DivRem(value, 10_000_000_000_000_000_000UL, out _);
            remaining -= 19;
        }

        if (remaining > 0)
        {
            value = DivRem(value, (ulong)Decimals64.Pow10(remaining), out _);
        }

        value = DivRem(value, 10UL, out var lastDigit);
        return lastDigit >= 5 ? Increment(value) : value;
    }

    public static UInt256 Increment(UInt256 value)
    {
        var low = value.Low + 1;
        return new UInt256(low == 0 ? value.High + 1 : value.High, low);
    }
}
