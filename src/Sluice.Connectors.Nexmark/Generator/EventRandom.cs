using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Sluice.Connectors.Nexmark.Generator;

/// <summary>
/// The random numbers of one event: a SplitMix64 sequence started from a hash of the run's seed and the event id, so
/// that an event's fields depend only on (seed, event id), never on which split generated it or what came before.
/// A mutable struct: pass it by reference.
/// </summary>
internal struct EventRandom
{
    /// <summary>The SplitMix64 increment ("golden gamma").</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _state;

    public EventRandom(ulong seed, long eventId)
    {
        _state = Mix(seed ^ ((ulong)eventId * 0xD1B54A32D192ED03UL));
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        _state += Gamma;
        return Mix(_state);
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), bound &gt; 0 and below 2^31.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int bound) => (int)(((NextUInt64() >> 32) * (ulong)bound) >> 32);

    /// <summary>Skips the next <paramref name="count"/> draws (the sequence is a counter, so this is one addition).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int count) => _state += (ulong)count * Gamma;

    /// <summary>The draw <paramref name="ahead"/> positions on (1: the next one), without advancing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ulong Peek(int ahead) => Mix(_state + ((ulong)ahead * Gamma));

    /// <summary>
    /// A uniform integer in [0, <paramref name="bound"/>) from the high end of the random fraction <paramref name="bits"/>
    /// (Lemire's multiply-shift: the high half of <c>bits * bound</c>), leaving the fraction's unused low part in
    /// <paramref name="bits"/> for the next bounded value. Each value uses up about log2(bound) of the 64 bits: the k-th
    /// value taken from one draw is uniform within a relative error of (product of the bounds so far) / 2^64. A bound of 0
    /// gives 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Take(ref ulong bits, ulong bound)
    {
        // The high half alone (mulx) and the low half as a plain product: two independent multiplies, where BigMul's out
        // parameter would go through memory on the chain from one value to the next.
        var high = Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(bits, bound) : Math.BigMul(bits, bound, out _);
        bits *= bound;
        return high;
    }

    /// <summary>
    /// All ones when <paramref name="draw"/> (below 2^63) is above 0, else 0: for picking one of two values without a
    /// branch (<c>a ^ ((a ^ b) &amp; mask)</c>) where the pick is random and a branch would often be mispredicted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long AboveZeroMask(ulong draw) => -(long)((draw | (0 - draw)) >> 63);

    /// <summary>The uniform double in [0, 1) of a draw's 53 high bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToUnit(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));

    /// <summary>The SplitMix64 finalizer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
