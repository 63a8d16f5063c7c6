using System.Runtime.CompilerServices;
using Sluice.Connectors.Nexmark.Generator;
using Sluice.Core.Batches;
using Sluice.Core.Vectors;

namespace Sluice.Connectors.Nexmark.Table;

/// <summary>
/// Appends generated events to the column builders of a <see cref="RecordBatchBuilder"/> laid out as
/// <see cref="NexmarkColumns"/> says: one row per event, the event's ROW column filled, the other two null. Strings are
/// copied as UTF-8 straight into the builders. A struct, so the generator's loop is specialized for it.
/// </summary>
internal struct NexmarkBatchWriter : INexmarkEventWriter
{
    private readonly PrimitiveVectorBuilder<int>? _eventType;
    private readonly PrimitiveVectorBuilder<long>? _dateTime;
    private readonly StructVectorBuilder? _person;
    private readonly StructVectorBuilder? _auction;
    private readonly StructVectorBuilder? _bid;

    private readonly PrimitiveVectorBuilder<long>? _personId;
    private readonly BytesVectorBuilder? _personName;
    private readonly BytesVectorBuilder? _personEmail;
    private readonly BytesVectorBuilder? _personCard;
    private readonly BytesVectorBuilder? _personCity;
    private readonly BytesVectorBuilder? _personState;
    private readonly PrimitiveVectorBuilder<long>? _personTime;
    private readonly BytesVectorBuilder? _personExtra;

    private readonly PrimitiveVectorBuilder<long>? _auctionId;
    private readonly BytesVectorBuilder? _auctionItem;
    private readonly BytesVectorBuilder? _auctionDescription;
    private readonly PrimitiveVectorBuilder<long>? _auctionInitialBid;
    private readonly PrimitiveVectorBuilder<long>? _auctionReserve;
    private readonly PrimitiveVectorBuilder<long>? _auctionTime;
    private readonly PrimitiveVectorBuilder<long>? _auctionExpires;
    private readonly PrimitiveVectorBuilder<long>? _auctionSeller;
    private readonly PrimitiveVectorBuilder<long>? _auctionCategory;
    private readonly BytesVectorBuilder? _auctionExtra;

    private readonly PrimitiveVectorBuilder<long>? _bidAuction;
    private readonly PrimitiveVectorBuilder<long>? _bidBidder;
    private readonly PrimitiveVectorBuilder<long>? _bidPrice;
    private readonly BytesVectorBuilder? _bidChannel;
    private readonly BytesVectorBuilder? _bidUrl;
    private readonly PrimitiveVectorBuilder<long>? _bidTime;
    private readonly BytesVectorBuilder? _bidExtra;

    public NexmarkBatchWriter(NexmarkColumns columns, RecordBatchBuilder batch)
    {
        _eventType = columns.EventType < 0 ? null : (PrimitiveVectorBuilder<int>)batch.Column(columns.EventType);
        _dateTime = columns.DateTime < 0 ? null : (PrimitiveVectorBuilder<long>)batch.Column(columns.DateTime);
        _person = columns.Person.Builder(batch);
        _auction = columns.Auction.Builder(batch);
        _bid = columns.Bid.Builder(batch);

        var p = columns.Person.Children;
        _personId = Long(_person, p, 0);
        _personName = Bytes(_person, p, 1);
        _personEmail = Bytes(_person, p, 2);
        _personCard = Bytes(_person, p, 3);
        _personCity = Bytes(_person, p, 4);
        _personState = Bytes(_person, p, 5);
        _personTime = Long(_person, p, 6);
        _personExtra = Bytes(_person, p, 7);

        var a = columns.Auction.Children;
        _auctionId = Long(_auction, a, 0);
        _auctionItem = Bytes(_auction, a, 1);
        _auctionDescription = Bytes(_auction, a, 2);
        _auctionInitialBid = Long(_auction, a, 3);
        _auctionReserve = Long(_auction, a, 4);
        _auctionTime = Long(_auction, a, 5);
        _auctionExpires = Long(_auction, a, 6);
        _auctionSeller = Long(_auction, a, 7);
        _auctionCategory = Long(_auction, a, 8);
        _auctionExtra = Bytes(_auction, a, 9);

        var b = columns.Bid.Children;
        _bidAuction = Long(_bid, b, 0);
        _bidBidder = Long(_bid, b, 1);
        _bidPrice = Long(_bid, b, 2);
        _bidChannel = Bytes(_bid, b, 3);
        _bidUrl = Bytes(_bid, b, 4);
        _bidTime = Long(_bid, b, 5);
        _bidExtra = Bytes(_bid, b, 6);
    }

    public readonly void Person(in PersonView person)
    {
        _eventType?.Append((int)NexmarkEventType.Person);
        _dateTime?.Append(Micros(person.DateTime));
        _auction?.AppendNull();
        _bid?.AppendNull();
        if (_person is null)
        {
            return;
        }

        _person.AppendRow();
        _personId?.Append(person.Id);
        _personName?.Append(person.Name);
        _personEmail?.Append(person.EmailAddress);
        _personCard?.Append(person.CreditCard);
        _personCity?.Append(person.City);
        _personState?.Append(person.State);
        _personTime?.Append(Micros(person.DateTime));
        _personExtra?.Append(person.Extra);
    }

    public readonly void Auction(in AuctionView auction)
    {
        _eventType?.Append((int)NexmarkEventType.Auction);
        _dateTime?.Append(Micros(auction.DateTime));
        _person?.AppendNull();
        _bid?.AppendNull();
        if (_auction is null)
        {
            return;
        }

        _auction.AppendRow();
        _auctionId?.Append(auction.Id);
        _auctionItem?.Append(auction.ItemName);
        _auctionDescription?.Append(auction.Description);
        _auctionInitialBid?.Append(auction.InitialBid);
        _auctionReserve?.Append(auction.Reserve);
        _auctionTime?.Append(Micros(auction.DateTime));
        _auctionExpires?.Append(Micros(auction.Expires));
        _auctionSeller?.Append(auction.Seller);
        _auctionCategory?.Append(auction.Category);
        _auctionExtra?.Append(auction.Extra);
    }

    public readonly void Bid(in BidView bid)
    {
        _eventType?.Append((int)NexmarkEventType.Bid);
        _dateTime?.Append(Micros(bid.DateTime));
        _person?.AppendNull();
        _auction?.AppendNull();
        if (_bid is null)
        {
            return;
        }

        _bid.AppendRow();
        _bidAuction?.Append(bid.Auction);
        _bidBidder?.Append(bid.Bidder);
        _bidPrice?.Append(bid.Price);
        _bidChannel?.Append(bid.Channel);
        _bidUrl?.Append(bid.Url);
        _bidTime?.Append(Micros(bid.DateTime));
        _bidExtra?.Append(bid.Extra);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Micros(long millis) => millis * 1000;

    private static PrimitiveVectorBuilder<long>? Long(StructVectorBuilder? row, int[] children, int known) =>
        row is null || children[known] < 0 ? null : (PrimitiveVectorBuilder<long>)row.Child(children[known]);

    private static BytesVectorBuilder? Bytes(StructVectorBuilder? row, int[] children, int known) =>
        row is null || children[known] < 0 ? null : (BytesVectorBuilder)row.Child(children[known]);
}
