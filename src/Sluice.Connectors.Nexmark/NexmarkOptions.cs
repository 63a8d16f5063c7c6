using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Connectors.Nexmark;

/// <summary>The option keys of the <c>nexmark</c> connector (Flink's names) and its option errors.</summary>
internal static class NexmarkOptions
{
    public const string ConnectorName = "nexmark";
    public const string FirstEventRate = "first-event.rate";
    public const string NextEventRate = "next-event.rate";
    public const string RateShape = "rate.shape";
    public const string RatePeriod = "rate.period";
    public const string RateLimited = "rate.limited";
    public const string EventsNum = "events.num";
    public const string PersonProportion = "person.proportion";
    public const string AuctionProportion = "auction.proportion";
    public const string BidProportion = "bid.proportion";
    public const string PersonAvgSize = "person.avg-size";
    public const string AuctionAvgSize = "auction.avg-size";
    public const string BidAvgSize = "bid.avg-size";
    public const string HotAuctionRatio = "bid.hot-ratio.auctions";
    public const string HotBiddersRatio = "bid.hot-ratio.bidders";
    public const string HotSellersRatio = "auction.hot-ratio.sellers";
    public const string KeepAlive = "keep-alive";
    public const string StopAt = "stop-at";
    public const string MaxEmitSpeed = "max-emit-speed";
    public const string Seed = "seed";
    public const string BaseTime = "base-time";
    public const string BatchSize = "batch-size";
    public const string ScanParallelism = "scan.parallelism";

    public static TableOptionException Error(string option, string problem) =>
        new($"Option '{option}' of connector 'nexmark': {problem}", option, "connector 'nexmark'");
}
