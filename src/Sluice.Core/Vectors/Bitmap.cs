using System.Numerics;
using System.Runtime.CompilerServices;
using Sluice.Core.Batches;

namespace Sluice.Core.Vectors;

/// <summary>Bit-packed bitmaps over pooled <see cref="ulong"/> words; bit i is bit (i mod 64) of word i / 64.</summary>
internal static class Bitmap
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WordCount(int bits) => (int)(((uint)bits + 63) >> 6);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Get(ulong[] words, int index) => (words[index >> 6] & (1UL << index)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(ulong[] words, int index) => words[index >> 6] |= 1UL << index;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(ulong[] words, int index) => words[index >> 6] &= ~(1UL << index);

    /// <summary>Rents a bitmap of at least <paramref name="bits"/> bits, all clear.</summary>
    public static ulong[] RentCleared(int bits) => BufferPool.RentCleared<ulong>(WordCount(bits));

    /// <summary>Rents a bitmap of at least <paramref name="bits"/> bits, the first <paramref name="bits"/> set.</summary>
    public static ulong[] RentAllSet(int bits)
    {
        var words = RentCleared(bits);
        var full = bits >> 6;
        words.AsSpan(0, full).Fill(ulong.MaxValue);
        var rest = bits & 63;
        if (rest != 0)
        {
            words[full] = (1UL << rest) - 1;
        }

        return words;
    }

    /// <summary>Grows <paramref name="words"/> (clearing the new words) so that it holds <paramref name="bits"/> bits.</summary>
    public static void EnsureBits(ref ulong[] words, int bits)
    {
        var needed = WordCount(bits);
        if (needed <= words.Length)
        {
            return;
        }

        var used = words.Length;
        BufferPool.Grow(ref words, used, needed);
        words.AsSpan(used).Clear();
    }

    /// <summary>Sets the <paramref name="count"/> bits from <paramref name="start"/> on.</summary>
    public static void SetRange(ulong[] words, int start, int count)
    {
        var end = start + count;
        while (start < end)
        {
            var offset = start & 63;
            var take = Math.Min(64 - offset, end - start);
            var mask = take == 64 ? ulong.MaxValue : ((1UL << take) - 1) << offset;
            words[start >> 6] |= mask;
            start += take;
        }
    }

    /// <summary>Clears the bits at and above <paramref name="bits"/> in the last used word.</summary>
    public static void ClearTail(Span<ulong> words, int bits)
    {
        var rest = bits & 63;
        if (rest != 0 && words.Length > (bits >> 6))
        {
            words[bits >> 6] &= (1UL << rest) - 1;
        }
    }

    public static int PopCount(ReadOnlySpan<ulong> words)
    {
        var count = 0;
        foreach (var word in words)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }
}
