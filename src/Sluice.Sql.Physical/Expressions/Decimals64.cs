namespace Sluice.Sql.Physical.Expressions;

/// <summary>Powers of ten that fit a <see cref="long"/> (10^0 .. 10^18).</summary>
internal static class Decimals64
{
    private static readonly long[] Powers = Build();

    public static long Pow10(int exponent) => Powers[exponent];

    private static long[] Build()
    {
        var powers = new long[19];
        long value = 1;
        for (var i = 0; i < powers.Length; i++)
        {
            powers[i] = value;
            value *= 10;
        }

        return powers;
    }
}
