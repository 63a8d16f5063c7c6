namespace Sluice.Connectors.Nexmark.Generator;

/// <summary>
/// Which fields of each event kind a consumer reads: bit k of <see cref="Person"/>, <see cref="Auction"/> and
/// <see cref="Bid"/> stands for field k in the order of Flink's ROW types (person: id, name, emailAddress, creditCard,
/// city, state, dateTime, extra; auction: id, itemName, description, initialBid, reserve, dateTime, expires, seller,
/// category, extra; bid: auction, bidder, price, channel, url, dateTime, extra).
/// </summary>
/// <remarks>
/// The generator does only the work of the read fields: an event whose read fields need no random draw (ids and times)
/// is not drawn at all, draws of unread fields before a read one are skipped in one step (the draws are a counter), and
/// unread strings are neither drawn nor written (a string whose length a read <c>extra</c> depends on is drawn, not
/// written). The read fields come out exactly as with everything read; the unread fields of the views are empty or zero.
/// </remarks>
internal readonly struct NexmarkDemand
{
    /// <summary>Person field bits.</summary>
    public const int PersonName = 1 << 1, PersonEmail = 1 << 2, PersonCard = 1 << 3, PersonCity = 1 << 4, PersonState = 1 << 5,
        PersonExtra = 1 << 7;

    /// <summary>Auction field bits.</summary>
    public const int AuctionItemName = 1 << 1, AuctionDescription = 1 << 2, AuctionInitialBid = 1 << 3, AuctionReserve = 1 << 4,
        AuctionExpires = 1 << 6, AuctionSeller = 1 << 7, AuctionCategory = 1 << 8, AuctionExtra = 1 << 9;

    /// <summary>Bid field bits.</summary>
    public const int BidAuction = 1 << 0, BidBidder = 1 << 1, BidPrice = 1 << 2, BidChannel = 1 << 3, BidUrl = 1 << 4, BidExtra = 1 << 6;

    private const int PersonDrawn = PersonName | PersonEmail | PersonCard | PersonCity | PersonState | PersonExtra;
    private const int AuctionDrawn = AuctionItemName | AuctionDescription | AuctionInitialBid | AuctionReserve | AuctionExpires |
        AuctionSeller | AuctionCategory | AuctionExtra;

    private const int BidDrawn = BidAuction | BidBidder | BidPrice | BidChannel | BidUrl | BidExtra;

    /// <summary>Creates a demand from the three field masks.</summary>
    public NexmarkDemand(int person, int auction, int bid, bool defersBids = false)
    {
        Person = person;
        Auction = auction;
        Bid = bid;
        DefersBids = defersBids;
    }

    /// <summary>Every field of every kind.</summary>
    public static NexmarkDemand All { get; } = new(~0, ~0, ~0);

    /// <summary>The read person fields.</summary>
    public int Person { get; }

    /// <summary>The read auction fields.</summary>
    public int Auction { get; }

    /// <summary>The read bid fields.</summary>
    public int Bid { get; }

    /// <summary>
    /// True when the consumer computes the bids' fields later, column by column (<see cref="NexmarkGenerator.FillBids"/>):
    /// the generator then writes each bid with its event time, event id and epoch only.
    /// </summary>
    public bool DefersBids { get; }

    /// <summary>This demand with <see cref="DefersBids"/> set.</summary>
    public NexmarkDemand WithDeferredBids() => new(Person, Auction, Bid, defersBids: true);

    /// <summary>True when a read person field needs random draws.</summary>
    public bool DrawsPerson => (Person & PersonDrawn) != 0;

    /// <summary>True when a read auction field needs random draws.</summary>
    public bool DrawsAuction => (Auction & AuctionDrawn) != 0;

    /// <summary>True when a read bid field needs random draws.</summary>
    public bool DrawsBid => (Bid & BidDrawn) != 0;

    /// <summary>True when a field in <paramref name="mask"/> of persons is read.</summary>
    public bool ReadsPerson(int mask) => (Person & mask) != 0;

    /// <summary>True when a field in <paramref name="mask"/> of auctions is read.</summary>
    public bool ReadsAuction(int mask) => (Auction & mask) != 0;

    /// <summary>True when a field in <paramref name="mask"/> of bids is read.</summary>
    public bool ReadsBid(int mask) => (Bid & mask) != 0;
}
