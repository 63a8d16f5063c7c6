using System.Text;
using Sluice.Connectors.Nexmark.Generator;
using Sluice.Connectors.Nexmark.Model;

namespace Sluice.Connectors.Nexmark.Tests.Generator;

/// <summary>
/// The column-by-column bid fields (<see cref="NexmarkGenerator.FillBids"/>) against the per-event generator, and the
/// distributions of the draws the generator takes several values from.
/// </summary>
public sealed class NexmarkBidColumnsTests
{
    private static readonly NexmarkConfiguration Configuration = new() { Seed = 11, BaseTime = 1_700_000_000_000, FirstEventRate = 10_000_000 };

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 4)]
    [InlineData(123_456_789, 7)]
    public void FilledBids_AreTheBidsOfEventAt_AtAnyStride(long first, int stride)
    {
        var generator = new NexmarkGenerator(Configuration);
        var bids = new NexmarkBidColumns();
        var places = new PlaceWriter(bids);
        var demand = NexmarkDemand.All.WithDeferredBids();
        const int Count = 3_000;

        generator.GenerateRange(first, stride, Count, demand, ref places);
        generator.FillBids(bids, 0, demand);

        var expected = Enumerable.Range(0, Count).Select(i => generator.EventAt(first + ((long)i * stride))).OfType<Bid>().ToList();
        Assert.True(expected.Count > Count / 2);
        Assert.Equal(expected.Count, bids.Count);
        var tables = generator.Tables;
        for (var i = 0; i < expected.Count; i++)
        {
            var bid = expected[i];
            Assert.Equal(bid.Auction, bids.Auction[i]);
            Assert.Equal(bid.Bidder, bids.Bidder[i]);
            Assert.Equal(bid.Price, bids.Price[i]);
            Assert.Equal(bid.Channel, Text(tables.ChannelBytes, tables.ChannelOffsets, bids.Channel[i]));
            Assert.Equal(bid.Url, Text(tables.UrlBytes, tables.UrlOffsets, bids.Channel[i]));
            Assert.Equal(bid.Extra, Encoding.UTF8.GetString(tables.Pool, bids.ExtraStart[i], bids.ExtraLength[i]));
        }
    }

    [Fact]
    public void OnlyTheReadFieldsAreFilled_WithTheSameValues()
    {
        var generator = new NexmarkGenerator(Configuration);
        var all = Fill(generator, NexmarkDemand.All);
        var priceOnly = Fill(generator, new NexmarkDemand(0, 0, NexmarkDemand.BidPrice));

        Assert.Equal(all.Price.ToArray(), priceOnly.Price.ToArray());
        Assert.All(priceOnly.Auction.ToArray(), a => Assert.Equal(0, a));
        Assert.All(priceOnly.ExtraLength.ToArray(), l => Assert.Equal(0, l));
    }

    [Fact]
    public void Take_GivesUniformValues_FromOneDrawAfterAnother()
    {
        // Four values from each draw, as a bid's first draw gives auction and bidder: each value uniform in its range.
        var counts = new int[4][];
        ulong[] bounds = [2, 111, 4, 1010];
        for (var k = 0; k < 4; k++)
        {
            counts[k] = new int[bounds[k]];
        }

        const int Draws = 400_000;
        for (var n = 0; n < Draws; n++)
        {
            var bits = EventRandom.Mix((ulong)n * EventRandom.Gamma);
            for (var k = 0; k < 4; k++)
            {
                counts[k][EventRandom.Take(ref bits, bounds[k])]++;
            }
        }

        // Pearson's chi-squared statistic of each value's counts: about its degrees of freedom (bound - 1) for uniform
        // values, with a standard deviation of sqrt(2 (bound - 1)); far above it for a skewed or incomplete range.
        for (var k = 0; k < 4; k++)
        {
            var expected = Draws / (double)bounds[k];
            var chiSquared = counts[k].Sum(c => (c - expected) * (c - expected) / expected);
            var freedom = bounds[k] - 1.0;
            Assert.InRange(chiSquared, 0, freedom + (6 * Math.Sqrt(2 * freedom)));
            Assert.All(counts[k], c => Assert.True(c > 0));
        }
    }

    [Fact]
    public void RandomStrings_HaveASpaceInThirteen_AndLettersEvenly()
    {
        var generator = new NexmarkGenerator(Configuration);
        var text = new StringBuilder();
        foreach (var auction in generator.Events(0, 200_000).OfType<Auction>())
        {
            Assert.InRange(auction.ItemName.Length, 0, 19);
            Assert.InRange(auction.Description.Length, 0, 99);
            text.Append(auction.Description);
        }

        // Trimming drops spaces at the ends only, so the inside of the descriptions keeps about one space in 13.
        var chars = text.ToString();
        var spaces = chars.Count(c => c == ' ') / (double)chars.Length;
        Assert.InRange(spaces, 0.066, 0.077);
        var letters = chars.Where(c => c != ' ').GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(26, letters.Count);
        var mean = letters.Values.Average();
        Assert.All(letters.Values, c => Assert.InRange(c, mean * 0.9, mean * 1.1));
    }

    private static NexmarkBidColumns Fill(NexmarkGenerator generator, NexmarkDemand demand)
    {
        var bids = new NexmarkBidColumns();
        var places = new PlaceWriter(bids);
        var deferred = demand.WithDeferredBids();
        generator.GenerateRange(0, 1, 2_000, deferred, ref places);
        generator.FillBids(bids, 0, deferred);
        return bids;
    }

    private static string Text(byte[] bytes, int[] offsets, int index) =>
        Encoding.UTF8.GetString(bytes, offsets[index], offsets[index + 1] - offsets[index]);

    /// <summary>Collects the places of the bids the generator writes (persons and auctions are dropped).</summary>
    private readonly struct PlaceWriter(NexmarkBidColumns bids) : INexmarkEventWriter
    {
        public void Person(in PersonView person)
        {
        }

        public void Auction(in AuctionView auction)
        {
        }

        public void Bid(in BidView bid) => bids.Add(bid, bid.DateTime, 0);
    }
}
