using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sluice.Connectors.Nexmark.Generator;

/// <summary>
/// The loops of <see cref="NexmarkGenerator.FillBids"/> four bids at a time (AVX2 and FMA): the same operations as the
/// scalar <see cref="EventRandom.Mix"/>, <see cref="EventRandom.Take"/> and <see cref="NexmarkPrice.Of(ulong)"/>, lane by
/// lane, so every value is the scalar one. Each method fills a prefix of its columns (a multiple of four bids) and returns
/// its length; the caller's scalar loop does the rest, and all of it where the instructions are missing.
/// </summary>
internal static class BidVectors
{
    /// <summary>Whether the vector loops run on this processor.</summary>
    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>
    /// Auction and bidder of the bids (see <c>NexmarkGenerator.BidParties</c>). Runs only while every newest auction and
    /// person id stays below 2^31, so that the ids' products and divisions by 100 fit 32-bit multiplies.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Parties(
        ReadOnlySpan<long> eventIds, ReadOnlySpan<long> epochs, Span<long> auctions, Span<long> bidders, ulong sequence,
        int p, int a, int hotAuctionRatio, int hotBiddersRatio)
    {
        var count = Math.Min(Math.Min(eventIds.Length, epochs.Length), Math.Min(auctions.Length, bidders.Length)) & ~3;
        if (!IsSupported || count == 0 || p < 0 || a < 0 || hotAuctionRatio < 0 || hotBiddersRatio < 0 || !Fits(epochs[..count], Math.Max(p, a)))
        {
            return 0;
        }

        ref var ids = ref MemoryMarshal.GetReference(eventIds);
        ref var epoch = ref MemoryMarshal.GetReference(epochs);
        ref var auctionOut = ref MemoryMarshal.GetReference(auctions);
        ref var bidderOut = ref MemoryMarshal.GetReference(bidders);
        var stride = Vector256.Create(unchecked(3 * EventRandom.Gamma));
        var first = Vector256.Create(sequence + EventRandom.Gamma);
        var pv = Vector256.Create((ulong)p);
        var av = Vector256.Create((ulong)a);
        var auctionHot = Vector256.Create((ulong)hotAuctionRatio);
        var bidderHot = Vector256.Create((ulong)hotBiddersRatio);
        for (var i = 0; i < count; i += 4)
        {
            var bits = Mix(first + (Vector256.LoadUnsafe(ref ids, (nuint)i).AsUInt64() * stride));
            var e = Vector256.LoadUnsafe(ref epoch, (nuint)i).AsUInt64();

            // The auction: the hot one or one of the 100 newest and the 10 next.
            var lastAuction = Avx2.Multiply(e.AsUInt32(), av.AsUInt32()) + av - Vector256<ulong>.One;
            var hot = ~Vector256.Equals(Take(ref bits, auctionHot), Vector256<ulong>.Zero);
            var below = lastAuction.AsInt64() - Vector256.Create(100L);
            var min = Vector256.AndNot(below, Vector256.LessThan(below, Vector256<long>.Zero)).AsUInt64();
            var cold = min + Take(ref bits, lastAuction - min + Vector256.Create(11UL));
            var auction = cold ^ ((cold ^ Hundreds(lastAuction)) & hot);
            (auction + Vector256.Create(1000UL)).AsInt64().StoreUnsafe(ref auctionOut, (nuint)i);

            // The bidder: the hot one (plus 1) or one of the 1000 newest people and the 10 next.
            var lastPerson = Avx2.Multiply(e.AsUInt32(), pv.AsUInt32()) + pv - Vector256<ulong>.One;
            hot = ~Vector256.Equals(Take(ref bits, bidderHot), Vector256<ulong>.Zero);
            var newest = lastPerson + Vector256<ulong>.One;
            var active = Vector256.ConditionalSelect(
                Vector256.LessThan(newest.AsInt64(), Vector256.Create(1000L)).AsUInt64(), newest, Vector256.Create(1000UL));
            cold = newest - active + Take(ref bits, active + Vector256.Create(10UL));
            var bidder = cold ^ ((cold ^ (Hundreds(lastPerson) + Vector256<ulong>.One)) & hot);
            (bidder + Vector256.Create(2000UL)).AsInt64().StoreUnsafe(ref bidderOut, (nuint)i);
        }

        return count;
    }

    /// <summary>The prices of the bids (see <see cref="NexmarkPrice.Of(ulong)"/>); a lane near a rounding boundary is recomputed exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe int Prices(ReadOnlySpan<long> eventIds, Span<long> prices, ulong sequence)
    {
        var count = Math.Min(eventIds.Length, prices.Length) & ~3;
        if (!IsSupported || count == 0)
        {
            return 0;
        }

        ref var ids = ref MemoryMarshal.GetReference(eventIds);
        ref var priceOut = ref MemoryMarshal.GetReference(prices);
        var stride = Vector256.Create(unchecked(3 * EventRandom.Gamma));
        var second = Vector256.Create(unchecked(sequence + (2 * EventRandom.Gamma)));
        var unit = Vector256.Create(1.0 / (1UL << 53));
        var scale = Vector256.Create(NexmarkPrice.Log10Times6);
        var step = Vector256.Create(NexmarkPrice.Step);
        var one = Vector256<double>.One;
        fixed (double* exps = NexmarkPrice.Exps)
        {
            for (var i = 0; i < count; i += 4)
            {
                var bits = Mix(second + (Vector256.LoadUnsafe(ref ids, (nuint)i).AsUInt64() * stride));
                var u = Vector256.ConvertToDouble(bits >> 11) * unit;
                var x = u * scale;
                var k = ((bits >> 53) + Vector256<ulong>.One) >> 1;
                var r = x - (Vector256.ConvertToDouble(k) * step);
                var series = Fma.MultiplyAdd(Vector256.Create(1.0 / 120), r, Vector256.Create(1.0 / 24));
                series = Fma.MultiplyAdd(series, r, Vector256.Create(1.0 / 6));
                series = Fma.MultiplyAdd(series, r, Vector256.Create(0.5));
                series = Fma.MultiplyAdd(series, r, one);
                series = Fma.MultiplyAdd(series, r, one);
                var exp = Avx2.GatherVector256(exps, k.AsInt64(), 8);
                var scaled = Fma.MultiplyAdd(exp * series, Vector256.Create(100.0), Vector256.Create(0.5));
                var floor = Vector256.Floor(scaled);
                var fraction = scaled - floor;
                var margin = scaled * 1e-13;
                var clear = Vector256.GreaterThan(fraction, margin) & Vector256.LessThan(fraction, one - margin);
                Vector256.ConvertToInt64(floor).StoreUnsafe(ref priceOut, (nuint)i);
                var near = ~clear.ExtractMostSignificantBits() & 0xF;
                while (near != 0)
                {
                    var lane = BitOperations.TrailingZeroCount(near);
                    Unsafe.Add(ref priceOut, i + lane) = NexmarkPrice.Exact(u.GetElement(lane));
                    near &= near - 1;
                }
            }
        }

        return count;
    }

    /// <summary>
    /// Channel index and <c>extra</c>'s start and length of the bids (see <c>NexmarkGenerator.BidStrings</c>), for an
    /// <c>extra</c> of <paramref name="shortest"/> (not negative) + U[0, <paramref name="spread"/>) bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Strings(
        ReadOnlySpan<long> eventIds, Span<int> channels, Span<int> starts, Span<int> lengths, ulong sequence, int shortest, int spread)
    {
        var count = Math.Min(Math.Min(eventIds.Length, channels.Length), Math.Min(starts.Length, lengths.Length)) & ~3;
        if (!IsSupported || count == 0 || shortest < 0 || spread < 0)
        {
            return 0;
        }

        ref var ids = ref MemoryMarshal.GetReference(eventIds);
        ref var channelOut = ref MemoryMarshal.GetReference(channels);
        ref var startOut = ref MemoryMarshal.GetReference(starts);
        ref var lengthOut = ref MemoryMarshal.GetReference(lengths);
        var stride = Vector256.Create(unchecked(3 * EventRandom.Gamma));
        var third = Vector256.Create(unchecked(sequence + (3 * EventRandom.Gamma)));
        var shortestV = Vector256.Create((ulong)shortest);
        var spreadV = Vector256.Create((ulong)spread);
        var pool = Vector256.Create((long)NexmarkTables.PoolLength);
        for (var i = 0; i < count; i += 4)
        {
            var bits = Mix(third + (Vector256.LoadUnsafe(ref ids, (nuint)i).AsUInt64() * stride));
            var hot = ~Vector256.Equals(Take(ref bits, Vector256.Create(2UL)), Vector256<ulong>.Zero);
            var hotChannel = Take(ref bits, Vector256.Create((ulong)NexmarkTables.HotChannelCount));
            var coldChannel = Vector256.Create((ulong)NexmarkTables.HotChannelCount) + Take(ref bits, Vector256.Create((ulong)NexmarkTables.ChannelsNumber));
            var channel = coldChannel ^ ((coldChannel ^ hotChannel) & hot);
            var length = (shortestV + Take(ref bits, spreadV)).AsInt64();
            var room = pool - length;
            room = Vector256.ConditionalSelect(Vector256.GreaterThan(room, Vector256<long>.One), room, Vector256<long>.One);
            var start = Take(ref bits, room.AsUInt64());
            length = Vector256.ConditionalSelect(Vector256.LessThan(length, pool), length, pool);
            Low(channel).StoreUnsafe(ref channelOut, (nuint)i);
            Low(start).StoreUnsafe(ref startOut, (nuint)i);
            Low(length.AsUInt64()).StoreUnsafe(ref lengthOut, (nuint)i);
        }

        return count;
    }

    /// <summary>Whether every epoch's newest id (epoch × <paramref name="proportion"/> + proportion - 1) stays below 2^31.</summary>
    private static bool Fits(ReadOnlySpan<long> epochs, int proportion)
    {
        var limit = (int.MaxValue / (long)Math.Max(proportion, 1)) - 1;
        foreach (var epoch in epochs)
        {
            if ((ulong)epoch > (ulong)limit)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><see cref="EventRandom.Mix"/> of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = (z ^ (z >> 30)) * Vector256.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >> 27)) * Vector256.Create(0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>
    /// <see cref="EventRandom.Take"/> of each lane for bounds below 2^32: the 128-bit product of the bits and the bound
    /// from two 32 × 32-bit products (of the bits' high and low halves), its high half returned and its low half left in
    /// <paramref name="bits"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Take(ref Vector256<ulong> bits, Vector256<ulong> bound)
    {
        var low = Avx2.Multiply(bits.AsUInt32(), bound.AsUInt32());
        var high = Avx2.Multiply((bits >> 32).AsUInt32(), bound.AsUInt32());
        bits = (high << 32) + low;
        return (high + (low >> 32)) >> 32;
    }

    /// <summary>Each lane (below 2^31) rounded down to a multiple of 100 (n / 100 as (n × ⌈2^37 / 100⌉) >> 37).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Hundreds(Vector256<ulong> n)
    {
        var quotient = Avx2.Multiply(n.AsUInt32(), Vector256.Create(1374389535UL).AsUInt32()) >> 37;
        return Avx2.Multiply(quotient.AsUInt32(), Vector256.Create(100UL).AsUInt32());
    }

    /// <summary>The four lanes (below 2^31) as ints.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Low(Vector256<ulong> v) => Vector256.Narrow(v, v).GetLower().AsInt32();
}
