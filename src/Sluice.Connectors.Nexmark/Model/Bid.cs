using Sluice.Connectors.Nexmark.Generator;

namespace Sluice.Connectors.Nexmark.Model;

/// <summary>A bid (see <see cref="BidView"/> for the fields; time in epoch milliseconds).</summary>
public sealed record Bid(long Auction, long Bidder, long Price, string Channel, string Url, long DateTime, string Extra)
    : NexmarkEvent(DateTime)
{
    /// <inheritdoc />
    public override NexmarkEventType Type => NexmarkEventType.Bid;
}
