using System.Text;
using Sluice.Connectors.Nexmark.Model;

namespace Sluice.Connectors.Nexmark.Generator;

/// <summary>Turns one generated event into a <see cref="NexmarkEvent"/> object.</summary>
internal struct ObjectWriter : INexmarkEventWriter
{
    public NexmarkEvent? Result { get; private set; }

    public void Person(in PersonView person) =>
        Result = new Person(person.Id, S(person.Name), S(person.EmailAddress), S(person.CreditCard), S(person.City), S(person.State),
            person.DateTime, S(person.Extra));

    public void Auction(in AuctionView auction) =>
        Result = new Auction(auction.Id, S(auction.ItemName), S(auction.Description), auction.InitialBid, auction.Reserve, auction.DateTime,
            auction.Expires, auction.Seller, auction.Category, S(auction.Extra));

    public void Bid(in BidView bid) =>
        Result = new Bid(bid.Auction, bid.Bidder, bid.Price, S(bid.Channel), S(bid.Url), bid.DateTime, S(bid.Extra));

    private static string S(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);
}
