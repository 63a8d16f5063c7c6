namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// The linear congruential generator of <c>java.util.Random</c>, so <c>RAND(seed)</c> and
/// <c>RAND_INTEGER(seed, n)</c> produce the same sequences as in Flink. Not thread-safe.
/// </summary>
internal sealed class JavaRandom
{
    private const long Multiplier = 0x5DEECE66DL;
    private const long Addend = 0xBL;
    private const long Mask = (1L << 48) - 1;

    private long _seed;

    public JavaRandom(long seed) => _seed = (seed ^ Multiplier) & Mask;

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble() => ((((long)Next(26)) << 27) + Next(27)) * (1.0 / (1L << 53));

    /// <summary>An int in [0, <paramref name="bound"/>); the bound must be positive.</summary>
    public int NextInt(int bound)
    {
        var r = Next(31);
        var m = bound - 1;
        if ((bound & m) == 0)
        {
            return (int)((bound * (long)r) >> 31);
        }

        for (var u = r; unchecked(u - (r = u % bound) + m) < 0; u = Next(31))
        {
        }

        return r;
    }

    /// <summary>A uniformly distributed long.</summary>
    public long NextLong() => unchecked(((long)Next(32) << 32) + Next(32));

    private int Next(int bits)
    {
        _seed = unchecked((_seed * Multiplier) + Addend) & Mask;
        return unchecked((int)(_seed >> (48 - bits)));
    }
}
