using System.Numerics;
using Sluice.Core.Errors;
using Sluice.Core.Types;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// Turns the sums, counts and quotients of numeric aggregates into values of the call's result type, with Flink's
/// rules: integer results of a division truncate toward zero (AVG of BIGINT is BIGINT), DECIMAL results round half
/// away from zero (HALF_UP) to the result scale, and a result that does not fit its type fails with a
/// <see cref="SluiceException"/> instead of wrapping. Stateless.
/// </summary>
internal static class AggregateResults
{
    /// <summary>True for TINYINT, SMALLINT, INT, BIGINT and DECIMAL (the exact numerics).</summary>
    public static bool IsExact(DataType type) =>
        type.TypeId is TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt or TypeId.Decimal;

    /// <summary>True for FLOAT and DOUBLE.</summary>
    public static bool IsFloating(DataType type) => type.TypeId is TypeId.Float or TypeId.Double;

    /// <summary>True for the numeric types.</summary>
    public static bool IsNumeric(DataType type) => IsExact(type) || IsFloating(type);

    /// <summary>The scale of an exact numeric type (0 for the integers).</summary>
    public static int ScaleOf(DataType type) => type.TypeId == TypeId.Decimal ? type.Scale : 0;

    /// <summary>
    /// The value of <c>numerator / 10^scale / divisor</c> in <paramref name="result"/>'s storage form.
    /// </summary>
    /// <exception cref="SluiceException">The value does not fit the result type.</exception>
    public static AggregateValue FromExact(Int128 numerator, int scale, long divisor, DataType result, string name)
    {
        switch (result.TypeId)
        {
            case TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt:
                if (scale == 0 && divisor == 1)
                {
                    return CheckInteger(numerator, result, name);
                }

                if (scale == 0 && divisor != 0)
                {
                    // An integer AVG: 128-bit division truncates toward zero, as Java's does for Flink's integer AVG.
                    return CheckInteger(numerator / divisor, result, name);
                }

                // Integer division truncates toward zero, as Java's does for Flink's integer AVG.
                var quotient = BigInteger.Divide((BigInteger)numerator, BigInteger.Pow(10, scale) * divisor);
                return CheckInteger(quotient, result, name);
            case TypeId.Decimal:
                if (scale == result.Scale && divisor == 1)
                {
                    return CheckDecimal(numerator, result, name);
                }

                var num = (BigInteger)numerator;
                var den = (BigInteger)divisor;
                if (result.Scale >= scale)
                {
                    num *= BigInteger.Pow(10, result.Scale - scale);
                }
                else
                {
                    den *= BigInteger.Pow(10, scale - result.Scale);
                }

                return CheckDecimal(DivideHalfUp(num, den), result, name);
            case TypeId.Float or TypeId.Double:
                var quotientValue = ToDouble(numerator, scale) / divisor;
                return AggregateValue.FromDouble(result.TypeId == TypeId.Float ? (float)quotientValue : quotientValue);
            default:
                throw new NotSupportedException($"Aggregate {name} cannot produce {result}.");
        }
    }

    /// <summary><paramref name="value"/> in <paramref name="result"/>'s storage form (integers truncate, DECIMAL rounds half up).</summary>
    /// <exception cref="SluiceException">The value does not fit the result type, or is NaN or infinite for an exact type.</exception>
    public static AggregateValue FromFloating(double value, DataType result, string name)
    {
        if (IsFloating(result))
        {
            return AggregateValue.FromDouble(result.TypeId == TypeId.Float ? (float)value : value);
        }

        if (!double.IsFinite(value))
        {
            throw new SluiceException($"Aggregate {name} computed {value}, which {result} cannot hold.", ErrorDomain.User);
        }

        return result.TypeId switch
        {
            TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt => CheckInteger(new BigInteger(Math.Truncate(value)), result, name),
            TypeId.Decimal => CheckDecimal(new BigInteger(Math.Round(value * Math.Pow(10, result.Scale), MidpointRounding.AwayFromZero)), result, name),
            _ => throw new NotSupportedException($"Aggregate {name} cannot produce {result}."),
        };
    }

    /// <summary>The double of an exact value <c>unscaled / 10^scale</c>.</summary>
    public static double ToDouble(Int128 unscaled, int scale) => scale == 0 ? (double)unscaled : (double)unscaled / Math.Pow(10, scale);

    /// <summary>The double of an exact value given as a big integer and a scale.</summary>
    public static double ToDouble(BigInteger unscaled, int scale) => scale == 0 ? (double)unscaled : (double)unscaled / Math.Pow(10, scale);

    /// <summary>
    /// <paramref name="value"/> as the storage type <typeparamref name="T"/> of a column of <paramref name="type"/>.
    /// </summary>
    /// <exception cref="SluiceException">It does not fit.</exception>
    public static T Narrow<T>(Int128 value, DataType type)
        where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (value < Int128.CreateTruncating(T.MinValue) || value > Int128.CreateTruncating(T.MaxValue))
        {
            throw new SluiceException($"The aggregate result {value} does not fit {type}.", ErrorDomain.User);
        }

        return T.CreateTruncating(value);
    }

    /// <summary><c>a + b</c>, failing with a clear error when the 128-bit accumulator overflows.</summary>
    public static Int128 Add(Int128 a, Int128 b, string name)
    {
        var sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0)
        {
            throw new SluiceException($"Aggregate {name} overflowed its 128-bit accumulator.", ErrorDomain.User);
        }

        return sum;
    }

    private static AggregateValue CheckInteger(BigInteger value, DataType result, string name)
    {
        var (min, max) = IntegerRange(result);
        if (value < min || value > max)
        {
            throw new SluiceException($"Aggregate {name} overflowed {result}: {value}.", ErrorDomain.User);
        }

        return AggregateValue.FromNumber((Int128)value);
    }

    private static AggregateValue CheckInteger(Int128 value, DataType result, string name)
    {
        var (min, max) = IntegerRange(result);
        if (value < min || value > max)
        {
            throw new SluiceException($"Aggregate {name} overflowed {result}: {value}.", ErrorDomain.User);
        }

        return AggregateValue.FromNumber(value);
    }

    private static (long Min, long Max) IntegerRange(DataType type) => type.TypeId switch
    {
        TypeId.TinyInt => (sbyte.MinValue, sbyte.MaxValue),
        TypeId.SmallInt => (short.MinValue, short.MaxValue),
        TypeId.Int => (int.MinValue, int.MaxValue),
        _ => (long.MinValue, long.MaxValue),
    };

    private static AggregateValue CheckDecimal(BigInteger unscaled, DataType result, string name)
    {
        if (BigInteger.Abs(unscaled) >= (BigInteger)Decimals.Pow10(result.Precision))
        {
            throw new SluiceException($"Aggregate {name} overflowed {result}.", ErrorDomain.User);
        }

        return AggregateValue.FromNumber((Int128)unscaled);
    }

    private static AggregateValue CheckDecimal(Int128 unscaled, DataType result, string name)
    {
        if (Int128.Abs(unscaled) >= Decimals.Pow10(result.Precision))
        {
            throw new SluiceException($"Aggregate {name} overflowed {result}.", ErrorDomain.User);
        }

        return AggregateValue.FromNumber(unscaled);
    }

    private static BigInteger DivideHalfUp(BigInteger numerator, BigInteger denominator)
    {
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        if (BigInteger.Abs(remainder) * 2 >= BigInteger.Abs(denominator))
        {
            quotient += numerator.Sign * denominator.Sign;
        }

        return quotient;
    }
}
