using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Sluice.Core.Hashing;

/// <summary>
/// Hashes that are the same in every process, on every machine and in every release (unlike
/// <see cref="string.GetHashCode()"/>, which is randomized per process). Key groups, and so the placement of
/// state, depend on them: changing one breaks every existing savepoint.
/// </summary>
public static class StableHash
{
    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    /// <summary>Murmur3's 32-bit finalizer applied to a 64-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Hash(long value)
    {
        var h = MixBlock(0, (uint)value);
        h = MixBlock(h, (uint)((ulong)value >> 32));
        return (int)Finalize(h, 8);
    }

    /// <summary>Hash of a 32-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Hash(int value) => (int)Finalize(MixBlock(0, (uint)value), 4);

    /// <summary>Murmur3 (x86, 32-bit, seed 0) of a byte sequence.</summary>
    public static int Hash(ReadOnlySpan<byte> data)
    {
        uint h = 0;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            h = MixBlock(h, System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i * 4)));
        }

        uint k = 0;
        var tail = data.Slice(blocks * 4);
        switch (tail.Length)
        {
            case 3:
                k ^= (uint)tail[2] << 16;
                goto case 2;
            case 2:
                k ^= (uint)tail[1] << 8;
                goto case 1;
            case 1:
                k ^= tail[0];
                k *= C1;
                k = BitOperations.RotateLeft(k, 15);
                k *= C2;
                h ^= k;
                break;
        }

        return (int)Finalize(h, data.Length);
    }

    /// <summary>Hash of a string's UTF-8 bytes (the same value whatever the platform's string encoding).</summary>
    public static int Hash(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max <= 512)
        {
            Span<byte> buffer = stackalloc byte[512];
            var n = Encoding.UTF8.GetBytes(value, buffer);
            return Hash(buffer[..n]);
        }

        return Hash(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Combines two hashes, order-sensitive (for composite keys).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Combine(int h1, int h2) => (int)Finalize(MixBlock(MixBlock(0, (uint)h1), (uint)h2), 8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MixBlock(uint h, uint k)
    {
        k *= C1;
        k = BitOperations.RotateLeft(k, 15);
        k *= C2;
        h ^= k;
        h = BitOperations.RotateLeft(h, 13);
        return (h * 5) + 0xe6546b64;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Finalize(uint h, int length)
    {
        h ^= (uint)length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }
}
