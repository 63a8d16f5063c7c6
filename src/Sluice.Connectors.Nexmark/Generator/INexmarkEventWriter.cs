namespace Sluice.Connectors.Nexmark.Generator;

/// <summary>
/// Receives generated events from <see cref="NexmarkGenerator.Generate{TWriter}"/>: exactly one call per event. Implement
/// it as a struct and the generator's loop is specialized for it (no virtual calls).
/// </summary>
public interface INexmarkEventWriter
{
    /// <summary>A person event.</summary>
    void Person(in PersonView person);

    /// <summary>An auction event.</summary>
    void Auction(in AuctionView auction);

    /// <summary>A bid event.</summary>
    void Bid(in BidView bid);
}
