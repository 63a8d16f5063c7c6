namespace Sluice.Connectors.Builtin.Datagen;

/// <summary>
/// A SplitMix64 stream seeded by (seed, column, row): the random values of a cell depend on nothing else, which
/// makes generation deterministic, restartable and independent of parallelism. Not for security.
/// </summary>
internal struct RandomStream
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    public RandomStream(long seed, int column, long row)
    {
        _state = Mix((ulong)seed ^ Mix(((ulong)column * Gamma) + 0x632BE59BD9B4E019UL) ^ Mix((ulong)row + 0xD1B54A32D192ED03UL));
    }

    public ulong NextUInt64()
    {
        _state += Gamma;
        return Mix(_state);
    }

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A long in [min, max] (inclusive).</summary>
    public long NextInt64(long min, long max)
    {
        var range = unchecked((ulong)(max - min) + 1);
        return range == 0 ? unchecked((long)NextUInt64()) : unchecked(min + (long)Math.BigMul(NextUInt64(), range, out _));
    }

    /// <summary>An Int128 in [min, max] (inclusive).</summary>
    public Int128 NextInt128(Int128 min, Int128 max)
    {
        var range = (UInt128)(max - min) + 1;
        var bits = ((UInt128)NextUInt64() << 64) | NextUInt64();
        return min + (Int128)(bits % range);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
