using System.Runtime.CompilerServices;

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

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), bound &gt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long NextLong(long bound) => bound <= int.MaxValue ? NextInt((int)bound) : (long)(NextUInt64() % (ulong)bound);

    /// <summary>A uniform double in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Skips the next <paramref name="count"/> draws (the sequence is a counter, so this is one addition).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int count) => _state += (ulong)count * Gamma;

    /// <summary>The draw <paramref name="ahead"/> positions on (1: the next one), without advancing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ulong Peek(int ahead) => Mix(_state + ((ulong)ahead * Gamma));

    /// <summary>The SplitMix64 finalizer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
