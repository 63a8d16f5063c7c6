using Sluice.Connectors.Nexmark.Generator;

namespace Sluice.Connectors.Nexmark.Model;

/// <summary>A new auction (see <see cref="AuctionView"/> for the fields; times in epoch milliseconds).</summary>
public sealed record Auction(
    long Id, string ItemName, string Description, long InitialBid, long Reserve, long DateTime, long Expires, long Seller, long Category, string Extra)
    : NexmarkEvent(DateTime)
{
    /// <inheritdoc />
    public override NexmarkEventType Type => NexmarkEventType.Auction;
}
