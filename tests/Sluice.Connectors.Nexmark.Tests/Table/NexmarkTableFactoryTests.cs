using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Nexmark.Table;
using Sluice.Testing;

namespace Sluice.Connectors.Nexmark.Tests.Table;

public class NexmarkTableFactoryTests
{
    private static NexmarkSource Create(Dictionary<string, string> options, TimeProvider? clock = null)
    {
        options["connector"] = "nexmark";
        var registry = new ConnectorRegistry().AddNexmarkConnector();
        var context = new TableContext("datagen", NexmarkSource.FlinkSchema, options) { Clock = clock ?? TimeProvider.System };
        var table = registry.CreateSource(context);
        var handle = Assert.IsType<SourceHandle<NexmarkSplit>>(table.Source);
        return Assert.IsType<NexmarkSource>(handle.Source);
    }

    [Fact]
    public void Options_AreReadWithFlinksNamesAndDefaults()
    {
        var source = Create(new Dictionary<string, string>
        {
            ["first-event.rate"] = "5000",
            ["events.num"] = "123",
            ["bid.avg-size"] = "1kb",
            ["bid.hot-ratio.auctions"] = "3",
            ["max-emit-speed"] = "false",
            ["seed"] = "7",
            ["base-time"] = "1000",
            ["rate.shape"] = "SINE",
        });

        var c = source.Configuration;
        Assert.Equal((5000L, 123L, 1024, 3, false, 7L, 1000L), (c.FirstEventRate, c.EventsNum, c.BidAvgSize, c.HotAuctionRatio, c.MaxEmitSpeed, c.Seed, c.BaseTime));
        Assert.Equal((1, 3, 46, 200, 500, 4, 4), (c.PersonProportion, c.AuctionProportion, c.BidProportion, c.PersonAvgSize, c.AuctionAvgSize, c.HotBiddersRatio, c.HotSellersRatio));
    }

    [Fact]
    public void UnsetSeedAndBaseTime_AreChosenAtCreation_AndTravelWithTheSplits()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123));

        var source = Create([], clock);

        Assert.Equal(1_700_000_000_123, source.Configuration.BaseTime);
        Assert.All(source.DiscoverSplits(3), s => Assert.Equal((source.Configuration.Seed, 1_700_000_000_123L), (s.Seed, s.BaseTime)));
    }

    [Theory]
    [InlineData("first-event.rate", "0")]
    [InlineData("events.num", "-5")]
    [InlineData("bid.hot-ratio.bidders", "0")]
    [InlineData("batch-size", "0")]
    public void InvalidOption_IsRejectedNamingIt(string option, string value)
    {
        var error = Assert.Throws<TableOptionException>(() => Create(new Dictionary<string, string> { [option] = value }));

        Assert.Equal(option, error.OptionKey);
    }
}
