using System.Runtime.CompilerServices;
using Sluice.Connectors.Nexmark.Generator;
using Sluice.Core.Batches;
using Sluice.Core.Vectors;

namespace Sluice.Connectors.Nexmark.Table;

/// <summary>
/// Appends generated events to the column builders of a <see cref="RecordBatchBuilder"/> laid out as
/// <see cref="NexmarkColumns"/> says: one row per event, the event's ROW column filled, the other two null (appended in
/// runs; call <see cref="Finish"/> after the batch's events). Persons and auctions go straight into the builders (their
/// strings are the generator's scratch space); bids are collected in <see cref="NexmarkBidColumns"/> (where the generator
/// fills their fields column by column, <see cref="NexmarkGenerator.FillBids"/>) and written run by run, column by column,
/// at <see cref="Finish"/>: a bid's strings are not copied but appended as views of the stream's tables (<c>extra</c> of the
/// pool, channel and URL of their blocks; <see cref="BytesVectorBuilder.AppendViews"/>), which live as long as the
/// vectors that refer to them. A struct, so the generator's loop is specialized for it; pass it by reference.
/// </summary>
internal struct NexmarkBatchWriter : INexmarkEventWriter
{
    private readonly NexmarkTables _tables;
    private readonly NexmarkBidColumns _bids;
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

    // The NULL rows of each ROW column not yet appended: appended as one run when the column's next row comes, or at the
    // end of the batch, instead of one NULL per row.
    private int _personNulls;
    private int _auctionNulls;
    private int _bidNulls;

    public NexmarkBatchWriter(NexmarkColumns columns, RecordBatchBuilder batch, NexmarkTables tables, NexmarkBidColumns bids)
    {
        _tables = tables;
        _bids = bids;
        bids.Clear();
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

    public void Person(in PersonView person)
    {
        _eventType?.Append((int)NexmarkEventType.Person);
        _dateTime?.Append(Micros(person.DateTime));
        _auctionNulls++;
        _bidNulls++;
        if (_person is null)
        {
            return;
        }

        StartRow(_person, ref _personNulls);
        _personId?.Append(person.Id);
        _personName?.Append(person.Name);
        _personEmail?.Append(person.EmailAddress);
        _personCard?.Append(person.CreditCard);
        _personCity?.Append(person.City);
        _personState?.Append(person.State);
        _personTime?.Append(Micros(person.DateTime));
        _personExtra?.Append(person.Extra);
    }

    public void Auction(in AuctionView auction)
    {
        _eventType?.Append((int)NexmarkEventType.Auction);
        _dateTime?.Append(Micros(auction.DateTime));
        _personNulls++;
        _bidNulls++;
        if (_auction is null)
        {
            return;
        }

        StartRow(_auction, ref _auctionNulls);
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

    public void Bid(in BidView bid)
    {
        _eventType?.Append((int)NexmarkEventType.Bid);
        _dateTime?.Append(Micros(bid.DateTime));
        _personNulls++;
        _auctionNulls++;
        if (_bid is null)
        {
            return;
        }

        _bids.Add(bid, Micros(bid.DateTime), _bidNulls);
        _bidNulls = 0;
    }

    /// <summary>A bid's place (its fields come from <see cref="NexmarkGenerator.FillBids"/>), without a <see cref="BidView"/>.</summary>
    void INexmarkEventWriter.BidPlace(long dateTime, long eventId, long epoch)
    {
        _eventType?.Append((int)NexmarkEventType.Bid);
        _dateTime?.Append(Micros(dateTime));
        _personNulls++;
        _auctionNulls++;
        if (_bid is null)
        {
            return;
        }

        _bids.AddPlace(eventId, epoch, Micros(dateTime), _bidNulls);
        _bidNulls = 0;
    }

    /// <summary>
    /// Writes the bids (run by run, column by column; their fields must be filled by then) and the NULL rows still pending
    /// in the ROW columns; call once the batch's events are generated.
    /// </summary>
    public void Finish()
    {
        if (_bid is not null)
        {
            WriteBids(_bid);
        }

        Flush(_person, ref _personNulls);
        Flush(_auction, ref _auctionNulls);
        Flush(_bid, ref _bidNulls);
    }

    private readonly void WriteBids(StructVectorBuilder row)
    {
        var nullsBefore = _bids.NullsBefore;
        var start = 0;
        while (start < nullsBefore.Length)
        {
            if (nullsBefore[start] != 0)
            {
                row.AppendNulls(nullsBefore[start]);
            }

            var end = start + 1;
            while (end < nullsBefore.Length && nullsBefore[end] == 0)
            {
                end++;
            }

            var count = end - start;
            row.AppendRows(count);
            _bidAuction?.AppendRange(_bids.Auction.Slice(start, count));
            _bidBidder?.AppendRange(_bids.Bidder.Slice(start, count));
            _bidPrice?.AppendRange(_bids.Price.Slice(start, count));
            if (_bidChannel is not null)
            {
                _bids.Slices(_tables.ChannelOffsets, _bids.Channel.Slice(start, count), out var starts, out var lengths);
                _bidChannel.AppendViews(_tables.ChannelBytes, starts, lengths);
            }

            if (_bidUrl is not null)
            {
                _bids.Slices(_tables.UrlOffsets, _bids.Channel.Slice(start, count), out var starts, out var lengths);
                _bidUrl.AppendViews(_tables.UrlBytes, starts, lengths);
            }

            _bidTime?.AppendRange(_bids.DateTime.Slice(start, count));
            _bidExtra?.AppendViews(_tables.Pool, _bids.ExtraStart.Slice(start, count), _bids.ExtraLength.Slice(start, count));
            start = end;
        }

        _bids.Clear();
    }

    /// <summary>Starts a non-null row of <paramref name="row"/>, after the run of NULL rows before it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StartRow(StructVectorBuilder row, ref int pendingNulls)
    {
        if (pendingNulls != 0)
        {
            row.AppendNulls(pendingNulls);
            pendingNulls = 0;
        }

        row.AppendRow();
    }

    private static void Flush(StructVectorBuilder? row, ref int pendingNulls)
    {
        if (pendingNulls != 0)
        {
            row?.AppendNulls(pendingNulls);
            pendingNulls = 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Micros(long millis) => millis * 1000;

    private static PrimitiveVectorBuilder<long>? Long(StructVectorBuilder? row, int[] children, int known) =>
        row is null || children[known] < 0 ? null : (PrimitiveVectorBuilder<long>)row.Child(children[known]);

    private static BytesVectorBuilder? Bytes(StructVectorBuilder? row, int[] children, int known) =>
        row is null || children[known] < 0 ? null : (BytesVectorBuilder)row.Child(children[known]);
}
