using System.Text.RegularExpressions;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Nexmark.Generator;
using Sluice.Connectors.Nexmark.Model;

namespace Sluice.Connectors.Nexmark.Tests.Generator;

public partial class NexmarkGeneratorTests
{
    private const int Count = 100_000;
    private static readonly NexmarkConfiguration Configuration = new() { Seed = 5, BaseTime = 1_700_000_000_000, FirstEventRate = 10_000 };
    private static readonly List<NexmarkEvent> Events = [.. new NexmarkGenerator(Configuration).Events(0, Count)];

    [Fact]
    public void SameSeed_GeneratesTheSameEvents_AnotherSeedOthers()
    {
        var again = new NexmarkGenerator(Configuration).Events(0, 2_000).ToList();
        var other = new NexmarkGenerator(Configuration with { Seed = 6 }).Events(0, 2_000).ToList();

        Assert.Equal(Events.Take(2_000), again);
        Assert.NotEqual(Events.Take(2_000), other);
    }

    [Fact]
    public void EventAt_DependsOnlyOnTheIndex()
    {
        var generator = new NexmarkGenerator(Configuration);
        foreach (var index in new[] { 77_777L, 3L, 50_001L })
        {
            Assert.Equal(Events[(int)index], generator.EventAt(index));
        }
    }

    [Fact]
    public void EventMix_IsOnePersonThreeAuctions46BidsPer50Events()
    {
        for (var cycle = 0; cycle < Count / 50; cycle += 97)
        {
            var window = Events.Skip(cycle * 50).Take(50).ToList();
            Assert.Equal(1, window.Count(e => e is Person));
            Assert.Equal(3, window.Count(e => e is Auction));
            Assert.Equal(46, window.Count(e => e is Bid));
        }

        // Event ids start at 2 (Flink's first event id 1 plus event number 1), so the stream starts with an auction.
        Assert.IsType<Auction>(Events[0]);
        Assert.IsType<Person>(Events[48]);
    }

    [Fact]
    public void PersonAndAuctionIds_AreDense()
    {
        // As in Flink's generator at parallelism 1, the first event id is 2, so the first person and auction are 1001.
        var persons = Events.OfType<Person>().Select(p => p.Id).ToList();
        Assert.Equal(Enumerable.Range(0, persons.Count).Select(i => 1001L + i), persons);
        var auctions = Events.OfType<Auction>().Select(a => a.Id).ToList();
        Assert.Equal(Enumerable.Range(0, auctions.Count).Select(i => 1001L + i), auctions);
    }

    [Fact]
    public void References_StayNearTheNewestIds_WithFlinksHotRatios()
    {
        long newestPerson = 999, newestAuction = 999;
        int bids = 0, hotAuction = 0, hotBidder = 0, auctions = 0, hotSeller = 0;
        foreach (var e in Events)
        {
            switch (e)
            {
                case Person p:
                    newestPerson = p.Id;
                    break;
                case Auction a:
                    newestAuction = a.Id;
                    auctions++;
                    Assert.InRange(a.Seller, Math.Max(1000, newestPerson - 1000), newestPerson + 10);
                    Assert.InRange(a.Category, 10, 14);
                    Assert.True(a.Expires > a.DateTime);
                    Assert.True(a.Reserve >= a.InitialBid);
                    hotSeller += a.Seller == 1000 + ((newestPerson - 1000) / 100 * 100) ? 1 : 0;
                    break;
                case Bid b:
                    bids++;
                    Assert.InRange(b.Auction, Math.Max(1000, newestAuction - 100), newestAuction + 10);
                    // The bidder carries Flink's doubled offset: a person id + 1000.
                    Assert.InRange(b.Bidder - 1000, Math.Max(1000, newestPerson - 1000), newestPerson + 10);
                    Assert.InRange(b.Price, 100, 100_000_000);
                    Assert.InRange(b.Extra.Length, 54, 81);
                    hotAuction += b.Auction == 1000 + ((newestAuction - 1000) / 100 * 100) ? 1 : 0;
                    hotBidder += b.Bidder == 2001 + ((newestPerson - 1000) / 100 * 100) ? 1 : 0;
                    break;
            }
        }

        // Hot with probability 1 - 1/ratio, plus the few cold picks that happen to hit the hot id.
        Assert.InRange(hotAuction / (double)bids, 0.48, 0.56);
        Assert.InRange(hotBidder / (double)bids, 0.73, 0.78);
        Assert.InRange(hotSeller / (double)auctions, 0.72, 0.79);
    }

    [Fact]
    public void Prices_AreLogUniform_AThirdInEachOfTheQ15Bands()
    {
        var prices = Events.OfType<Bid>().Select(b => b.Price).ToList();
        Assert.InRange(prices.Count(p => p < 10_000) / (double)prices.Count, 0.31, 0.36);
        Assert.InRange(prices.Count(p => p >= 1_000_000) / (double)prices.Count, 0.31, 0.36);
        Assert.InRange(prices.Count(p => 0.908 * p > 1_000_000 && 0.908 * p < 50_000_000) / (double)prices.Count, 0.26, 0.31);
    }

    [Fact]
    public void Channels_HalfHot_AndMostColdUrlsCarryAChannelId()
    {
        var bids = Events.OfType<Bid>().ToList();
        string[] hot = ["Google", "Facebook", "Baidu", "Apple"];
        Assert.InRange(bids.Count(b => hot.Contains(b.Channel)) / (double)bids.Count, 0.48, 0.52);
        Assert.True(bids.All(b => b.Url.StartsWith("https://www.nexmark.com/", StringComparison.Ordinal)));
        Assert.True(bids.All(b => hot.Contains(b.Channel) || ColdChannel().IsMatch(b.Channel)));
        var kept = bids.Count(b => hot.Contains(b.Channel) || b.Url.Contains("&channel_id=", StringComparison.Ordinal));
        Assert.InRange(kept / (double)bids.Count, 0.93, 0.97);
        Assert.Equal(4, bids.Where(b => hot.Contains(b.Channel)).Select(b => b.Url).Distinct().Count());
    }

    [Fact]
    public void Persons_HaveFlinksFieldShapes()
    {
        foreach (var p in Events.OfType<Person>())
        {
            Assert.Matches(CreditCard(), p.CreditCard);
            Assert.Matches(Email(), p.EmailAddress);
            Assert.Contains(p.State, new[] { "AZ", "CA", "ID", "OR", "WA", "WY" });
            Assert.Equal(2, p.Name.Split(' ').Length);
            Assert.InRange(p.Extra.Length, 90, 190);
        }
    }

    [Fact]
    public void Timestamps_FollowTheEventRate()
    {
        Assert.True(Events.Zip(Events.Skip(1)).All(pair => pair.First.DateTime <= pair.Second.DateTime));
        // Event n has event number n + 1: at 10 000 events/s its time is base + floor((n + 1) / 10) ms.
        Assert.Equal(Configuration.BaseTime, Events[0].DateTime);
        Assert.Equal(Configuration.BaseTime + 1, Events[9].DateTime);
        Assert.Equal(Configuration.BaseTime + (Count / 10), Events[^1].DateTime);
    }

    [Theory]
    [InlineData("first-event.rate")]
    [InlineData("events.num")]
    [InlineData("person.proportion")]
    [InlineData("bid.hot-ratio.auctions")]
    [InlineData("bid.hot-ratio.bidders")]
    [InlineData("auction.hot-ratio.sellers")]
    public void InvalidSetting_IsRejectedNamingItsOption(string option)
    {
        var invalid = option switch
        {
            "first-event.rate" => Configuration with { FirstEventRate = 0 },
            "events.num" => Configuration with { EventsNum = -1 },
            "person.proportion" => Configuration with { PersonProportion = 0 },
            "bid.hot-ratio.auctions" => Configuration with { HotAuctionRatio = 0 },
            "bid.hot-ratio.bidders" => Configuration with { HotBiddersRatio = -2 },
            _ => Configuration with { HotSellersRatio = 0 },
        };

        var error = Assert.Throws<TableOptionException>(() => new NexmarkGenerator(invalid));

        Assert.Equal(option, error.OptionKey);
        Assert.Contains($"'{option}'", error.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^channel-\d{1,4}$")]
    private static partial Regex ColdChannel();

    [GeneratedRegex(@"^\d{4} \d{4} \d{4} \d{4}$")]
    private static partial Regex CreditCard();

    [GeneratedRegex(@"^[a-z ]*@[a-z ]*\.com$")]
    private static partial Regex Email();
}
