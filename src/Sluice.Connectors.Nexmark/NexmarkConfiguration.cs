using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Connectors.Nexmark;

/// <summary>
/// The settings of a Nexmark event stream, with the defaults of Flink's <c>nexmark</c> connector. Immutable; create
/// variants with <c>with</c>. <see cref="Validate"/> checks the values and names the offending option.
/// </summary>
/// <remarks>
/// Two settings are Sluice extensions: <see cref="Seed"/> (Flink's generator is not reproducible) and
/// <see cref="BaseTime"/> (Flink always uses the submit time). Event <c>n</c> (0-based) of the stream depends only on
/// these settings and <c>n</c>, so the stream does not depend on the parallelism it is generated with.
/// </remarks>
public sealed record NexmarkConfiguration
{
    /// <summary>Events per second of event time for the whole stream (<c>first-event.rate</c>); also the pace when <see cref="MaxEmitSpeed"/> is false.</summary>
    public long FirstEventRate { get; init; } = 10_000;

    /// <summary>The number of events; 0 means unbounded (<c>events.num</c>).</summary>
    public long EventsNum { get; init; }

    /// <summary>Persons per <see cref="TotalProportion"/> events (<c>person.proportion</c>).</summary>
    public int PersonProportion { get; init; } = 1;

    /// <summary>Auctions per <see cref="TotalProportion"/> events (<c>auction.proportion</c>).</summary>
    public int AuctionProportion { get; init; } = 3;

    /// <summary>Bids per <see cref="TotalProportion"/> events (<c>bid.proportion</c>).</summary>
    public int BidProportion { get; init; } = 46;

    /// <summary>The size a person aims at, in bytes; <c>extra</c> pads up to it (<c>person.avg-size</c>).</summary>
    public int PersonAvgSize { get; init; } = 200;

    /// <summary>The size an auction aims at, in bytes (<c>auction.avg-size</c>).</summary>
    public int AuctionAvgSize { get; init; } = 500;

    /// <summary>The size a bid aims at, in bytes (<c>bid.avg-size</c>).</summary>
    public int BidAvgSize { get; init; } = 100;

    /// <summary>1 in this many bids goes to a random auction, the others to the hot one (<c>bid.hot-ratio.auctions</c>).</summary>
    public int HotAuctionRatio { get; init; } = 2;

    /// <summary>1 in this many bids comes from a random bidder, the others from the hot one (<c>bid.hot-ratio.bidders</c>).</summary>
    public int HotBiddersRatio { get; init; } = 4;

    /// <summary>1 in this many auctions has a random seller, the others the hot one (<c>auction.hot-ratio.sellers</c>).</summary>
    public int HotSellersRatio { get; init; } = 4;

    /// <summary>True (default): generate as fast as possible; false: emit each event at its event time on the wall clock (<c>max-emit-speed</c>).</summary>
    public bool MaxEmitSpeed { get; init; } = true;

    /// <summary>The seed of every random choice (Sluice extension <c>seed</c>).</summary>
    public long Seed { get; init; }

    /// <summary>The event time of event number 0, in epoch milliseconds (Sluice extension <c>base-time</c>).</summary>
    public long BaseTime { get; init; }

    /// <summary>Persons + auctions + bids per cycle (50 by default).</summary>
    public int TotalProportion => PersonProportion + AuctionProportion + BidProportion;

    /// <summary>True when <see cref="EventsNum"/> bounds the stream.</summary>
    public bool IsBounded => EventsNum > 0;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="TableOptionException">A setting is invalid; the exception names its option.</exception>
    public NexmarkConfiguration Validate()
    {
        Positive(NexmarkOptions.FirstEventRate, FirstEventRate);
        if (EventsNum < 0)
        {
            throw NexmarkOptions.Error(NexmarkOptions.EventsNum, $"must not be negative, not {EventsNum}.");
        }

        Positive(NexmarkOptions.PersonProportion, PersonProportion);
        NotNegative(NexmarkOptions.AuctionProportion, AuctionProportion);
        NotNegative(NexmarkOptions.BidProportion, BidProportion);

        if (AuctionProportion == 0 && BidProportion > 0)
        {
            throw NexmarkOptions.Error(NexmarkOptions.AuctionProportion, "must be positive: bids refer to auctions.");
        }

        NotNegative(NexmarkOptions.PersonAvgSize, PersonAvgSize);
        NotNegative(NexmarkOptions.AuctionAvgSize, AuctionAvgSize);
        NotNegative(NexmarkOptions.BidAvgSize, BidAvgSize);
        Positive(NexmarkOptions.HotAuctionRatio, HotAuctionRatio);
        Positive(NexmarkOptions.HotBiddersRatio, HotBiddersRatio);
        Positive(NexmarkOptions.HotSellersRatio, HotSellersRatio);
        return this;
    }

    private static void Positive(string option, long value)
    {
        if (value <= 0)
        {
            throw NexmarkOptions.Error(option, $"must be positive, not {value}.");
        }
    }

    private static void NotNegative(string option, long value)
    {
        if (value < 0)
        {
            throw NexmarkOptions.Error(option, $"must not be negative, not {value}.");
        }
    }
}
