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

    /// <summary>
    /// A bid whose fields come later (<see cref="NexmarkDemand.DefersBids"/>): only its event time, event id and epoch.
    /// The source's writer takes them without a <see cref="BidView"/>; other writers get one with these fields.
    /// </summary>
    internal void BidPlace(long dateTime, long eventId, long epoch) =>
        Bid(new BidView { DateTime = dateTime, EventId = eventId, Epoch = epoch });
}
