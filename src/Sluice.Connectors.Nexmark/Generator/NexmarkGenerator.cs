using Sluice.Connectors.Nexmark.Model;
using System.Runtime.CompilerServices;

namespace Sluice.Connectors.Nexmark.Generator;

/// <summary>
/// Generates the Nexmark event stream of a <see cref="NexmarkConfiguration"/> as Flink's <c>nexmark</c> generator
/// defines it: the person/auction/bid mix by event id, dense ids with hot sellers, bidders and auctions, timestamps
/// from the event rate, and Flink's value distributions (see <c>docs/reference/nexmark.md</c>).
/// </summary>
/// <remarks>
/// <para><b>Addressing.</b> Event <c>n</c> (0-based index in the stream) has event number <c>n + 1</c> (which gives its
/// timestamp) and event id <c>n + 2</c> (which gives its kind and ids), as the events of Flink's generator at
/// parallelism 1. Its random choices depend only on (seed, event id): a person's or an auction's come from a SplitMix64
/// sequence seeded with both, a bid's are the three draws at <c>3 × event id + 1 .. 3</c> of the seed's bid sequence, and
/// each draw gives several bounded values by multiply-shift (<see cref="EventRandom.Take"/>). So any event can be
/// generated on its own: splits of the stream need no shared state, and a split's position is just the next index.</para>
/// <para><b>Threading.</b> An instance is not thread-safe (it writes strings into its own scratch space); create one
/// per thread. Instances are cheap once the tables of a seed exist.</para>
/// </remarks>
public sealed class NexmarkGenerator
{
    private const long FirstPersonId = 1000;
    private const long FirstAuctionId = 1000;
    private const long FirstCategoryId = 10;
    private const int NumCategories = 5;
    private const int PersonIdLead = 10;
    private const int AuctionIdLead = 10;
    private const int HotBlock = 100;

    /// <summary>Distinguishes the start of the seed's bid sequence from the seed itself.</summary>
    private const ulong BidSequenceSalt = 0x6A09E667F3BCC909UL;

    private const ulong Gamma = EventRandom.Gamma;

    /// <summary>The counter step from one event id to the next in the bid sequence: three draws per bid.</summary>
    private const ulong BidStride = unchecked(3 * Gamma);
    private const int NumActivePeople = 1000;
    private const int NumInFlightAuctions = 100;
    private const int HotChannelsRatio = 2;
    private const int BidSize = 32;

    /// <summary>The characters of a random string taken from one draw (13 × 26 outcomes each: 42 of its 64 bits).</summary>
    private const int CharsPerDraw = 5;

    private readonly NexmarkTables _tables;
    private readonly byte[] _scratch = new byte[256];
    private readonly ulong _seed;
    private readonly ulong _bidSequence;
    private readonly int _p;
    private readonly int _a;
    private readonly int _total;
    private readonly double _interEventDelayUs;
    private readonly long _auctionHorizonEvents;
    private readonly long _baseTime;
    private readonly int _personAvgSize;
    private readonly int _auctionAvgSize;
    private readonly int _bidExtraShortest;
    private readonly int _bidExtraSpread;
    private readonly int _hotSellersRatio;
    private readonly int _hotAuctionRatio;
    private readonly int _hotBiddersRatio;

    /// <summary>Creates a generator.</summary>
    /// <exception cref="Abstractions.Table.TableOptionException">The configuration is invalid.</exception>
    public NexmarkGenerator(NexmarkConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration.Validate();
        _tables = NexmarkTables.For(configuration.Seed);
        _seed = (ulong)configuration.Seed;
        _bidSequence = EventRandom.Mix(_seed ^ BidSequenceSalt);

        // FillBids is compiled fully optimized on its first call: with the price tables initialized by then, it reads
        // them as constants instead of checking for their initialization on every bid.
        RuntimeHelpers.RunClassConstructor(typeof(NexmarkPrice).TypeHandle);
        _p = configuration.PersonProportion;
        _a = configuration.AuctionProportion;
        _total = configuration.TotalProportion;
        _interEventDelayUs = 1_000_000.0 / configuration.FirstEventRate;
        _auctionHorizonEvents = _a == 0 ? 0 : (long)NumInFlightAuctions * _total / _a;
        _baseTime = configuration.BaseTime;
        _personAvgSize = configuration.PersonAvgSize;
        _auctionAvgSize = configuration.AuctionAvgSize;
        (_bidExtraShortest, _bidExtraSpread) = ExtraRange(BidSize, configuration.BidAvgSize);
        _hotSellersRatio = configuration.HotSellersRatio;
        _hotAuctionRatio = configuration.HotAuctionRatio;
        _hotBiddersRatio = configuration.HotBiddersRatio;
    }

    /// <summary>The fixed values of the stream's seed (the pool <c>extra</c> is cut from, the channels).</summary>
    internal NexmarkTables Tables => _tables;

    /// <summary>The settings.</summary>
    public NexmarkConfiguration Configuration { get; }

    /// <summary>The kind of event <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public NexmarkEventType TypeOf(long index)
    {
        var offset = (index + 2) % _total;
        return offset < _p ? NexmarkEventType.Person : offset < _p + _a ? NexmarkEventType.Auction : NexmarkEventType.Bid;
    }

    /// <summary>The event time of event <paramref name="index"/> in epoch milliseconds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long TimestampOf(long index) => TimestampOfEventNumber(index + 1);

    /// <summary>Generates event <paramref name="index"/> into <paramref name="writer"/> (one call on it).</summary>
    public void Generate<TWriter>(long index, ref TWriter writer)
        where TWriter : INexmarkEventWriter
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var eventId = index + 2;
        var epoch = eventId / _total;
        GenerateAt(index, new Position(epoch, eventId - (epoch * _total)), NexmarkDemand.All, ref writer);
    }

    /// <summary>
    /// Generates the <paramref name="count"/> events <paramref name="index"/>, <paramref name="index"/> +
    /// <paramref name="stride"/>, ... into <paramref name="writer"/> with only the work <paramref name="demand"/> reads,
    /// and returns the index after the last. Compiled fully optimized at once: it runs once per batch, too rarely for
    /// tiered compilation to promote it early.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal long GenerateRange<TWriter>(long index, int stride, int count, NexmarkDemand demand, ref TWriter writer)
        where TWriter : INexmarkEventWriter
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        var eventId = index + 2;
        var epoch = eventId / _total;
        var offset = eventId - (epoch * _total);
        var strideEpochs = stride / _total;
        var strideOffset = stride - (strideEpochs * _total);
        for (var i = 0; i < count; i++)
        {
            GenerateAt(index, new Position(epoch, offset), demand, ref writer);
            index += stride;
            epoch += strideEpochs;
            offset += strideOffset;
            if (offset >= _total)
            {
                offset -= _total;
                epoch++;
            }
        }

        return index;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void GenerateAt<TWriter>(long index, Position position, in NexmarkDemand demand, ref TWriter writer)
        where TWriter : INexmarkEventWriter
    {
        var eventNumber = index + 1;
        var timestamp = TimestampOfEventNumber(eventNumber);
        if (position.Offset < _p)
        {
            GeneratePerson(position, index + 2, timestamp, demand, ref writer);
        }
        else if (position.Offset < _p + _a)
        {
            GenerateAuction(position, eventNumber, timestamp, demand, ref writer);
        }
        else if (demand.DefersBids)
        {
            writer.BidPlace(timestamp, index + 2, position.Epoch);
        }
        else
        {
            GenerateBid(position, index + 2, timestamp, demand, ref writer);
        }
    }

    /// <summary>Generates event <paramref name="index"/> as an object (for tests and references; allocates).</summary>
    public NexmarkEvent EventAt(long index)
    {
        var writer = new ObjectWriter();
        Generate(index, ref writer);
        return writer.Result!;
    }

    /// <summary>Events <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> - 1 as objects.</summary>
    public IEnumerable<NexmarkEvent> Events(long start, long count)
    {
        for (var i = start; i < start + count; i++)
        {
            yield return EventAt(i);
        }
    }

    /// <summary>The dense (base-0) id of the newest person at an event id.</summary>
    private long LastPerson(Position at) => (at.Epoch * _p) + Math.Min(at.Offset, _p - 1);

    /// <summary>The dense (base-0) id of the newest auction at an event id.</summary>
    private long LastAuction(Position at)
    {
        if (at.Offset < _p)
        {
            return ((at.Epoch - 1) * _a) + _a - 1;
        }

        return at.Offset < _p + _a ? (at.Epoch * _a) + at.Offset - _p : (at.Epoch * _a) + _a - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long TimestampOfEventNumber(long eventNumber) => _baseTime + ((long)(eventNumber * _interEventDelayUs) / 1000);

    /// <summary>
    /// A person id for a reference at <paramref name="lastPerson"/> (the newest person): the hot one (the newest multiple
    /// of 100, plus <paramref name="hotShift"/>) when the draw U[0, <paramref name="hotRatio"/>) is above 0, else a
    /// uniform one of the 1000 newest people and the 10 next (Flink's <c>randomPerson</c>). Both candidates are computed
    /// and one is picked without a branch (the pick is random, so a branch would be mispredicted often).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long PersonReference(long lastPerson, int hotRatio, long hotShift, ref ulong bits)
    {
        var hot = EventRandom.AboveZeroMask(EventRandom.Take(ref bits, (ulong)hotRatio));
        var newest = lastPerson + 1;
        var active = Math.Min(newest, NumActivePeople);
        var cold = newest - active + (long)EventRandom.Take(ref bits, (ulong)(active + PersonIdLead));
        return cold ^ ((cold ^ ((lastPerson / HotBlock * HotBlock) + hotShift)) & hot);
    }

    /// <summary>
    /// An auction id for a bid at <paramref name="lastAuction"/> (the newest auction): the hot one (the newest multiple
    /// of 100) when the draw U[0, <paramref name="hotRatio"/>) is above 0, else a uniform one of the 100 newest auctions
    /// and the 10 next (Flink's <c>randomAuction</c>); picked without a branch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long AuctionReference(long lastAuction, int hotRatio, ref ulong bits)
    {
        var hot = EventRandom.AboveZeroMask(EventRandom.Take(ref bits, (ulong)hotRatio));
        var min = Math.Max(lastAuction - NumInFlightAuctions, 0);
        var cold = min + (long)EventRandom.Take(ref bits, (ulong)(lastAuction - min + 1 + AuctionIdLead));
        return cold ^ ((cold ^ (lastAuction / HotBlock * HotBlock)) & hot);
    }

    /// <summary>The number of draws a random string of <paramref name="length"/> characters takes (<see cref="CharsPerDraw"/> a draw).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StringDraws(int length) => (length + CharsPerDraw - 1) / CharsPerDraw;

    /// <summary>
    /// Writes a random string of <paramref name="length"/> characters (each a space with probability 1/13, else 'a'..'z'
    /// uniformly: one of 13 × 26 outcomes, <see cref="CharsPerDraw"/> characters from each draw) at
    /// <paramref name="start"/> of the scratch space, and returns it trimmed of spaces. Takes
    /// <see cref="StringDraws"/>(<paramref name="length"/>) draws.
    /// </summary>
    private ReadOnlySpan<byte> RandomString(int start, int length, scoped ref EventRandom random)
    {
        var chars = _scratch.AsSpan(start, length);
        var table = CharOutcomes;
        var bits = 0UL;
        for (var i = 0; i < chars.Length; i++)
        {
            if (i % CharsPerDraw == 0)
            {
                bits = random.NextUInt64();
            }

            chars[i] = table[(int)EventRandom.Take(ref bits, (ulong)table.Length)];
        }

        return chars.Trim((byte)' ');
    }

    /// <summary>
    /// The characters of <see cref="RandomString"/> by outcome: 26 spaces (1/13 of the 338), then 'a'..'z' twelve times.
    /// </summary>
    private static ReadOnlySpan<byte> CharOutcomes => CharTable;

    private static readonly byte[] CharTable = MakeCharTable();

    private static byte[] MakeCharTable()
    {
        var table = new byte[13 * 26];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = i < 26 ? (byte)' ' : (byte)('a' + (i % 26));
        }

        return table;
    }

    /// <summary>
    /// An <c>extra</c> of <paramref name="shortest"/> + U[0, <paramref name="spread"/>) bytes cut from the pool at a uniform
    /// start, both taken from one draw <paramref name="bits"/> (see <see cref="ExtraRange"/>; a negative
    /// <paramref name="shortest"/>: none).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int Start, int Length) Extra(int shortest, int spread, ulong bits)
    {
        if (shortest < 0)
        {
            return (0, 0);
        }

        var length = shortest + (int)EventRandom.Take(ref bits, (ulong)spread);
        var start = (int)EventRandom.Take(ref bits, (ulong)Math.Max(NexmarkTables.PoolLength - length, 1));
        return (start, Math.Min(length, NexmarkTables.PoolLength));
    }

    /// <summary>
    /// The lengths of an <c>extra</c> that pads an event of <paramref name="currentSize"/> towards
    /// <paramref name="averageSize"/>: the desired size ± 20 % (shortest, and the number of lengths above it); a shortest of
    /// -1 when the event is larger than the average already.
    /// </summary>
    private static (int Shortest, int Spread) ExtraRange(int currentSize, int averageSize)
    {
        if (currentSize > averageSize)
        {
            return (-1, 0);
        }

        var desired = averageSize - currentSize;
        var delta = (int)Math.Round(0.2 * desired, MidpointRounding.AwayFromZero);
        return (desired - delta, 2 * delta);
    }

    /// <summary>
    /// A person. Its draws, from its own sequence: (1) name, city, state and the lengths of the e-mail's two words;
    /// (2) and (3) the credit card's four groups, two from each; (4) <c>extra</c>'s length and start; then the e-mail's two
    /// words, <see cref="CharsPerDraw"/> characters a draw. Draws of unread fields are not made.
    /// </summary>
    private void GeneratePerson<TWriter>(Position at, long eventId, long timestamp, in NexmarkDemand demand, ref TWriter writer)
        where TWriter : INexmarkEventWriter
    {
        var id = LastPerson(at) + FirstPersonId;
        if (!demand.DrawsPerson)
        {
            writer.Person(new PersonView { Id = id, DateTime = timestamp });
            return;
        }

        var random = new EventRandom(_seed, eventId);
        var header = random.NextUInt64();
        var first = (int)EventRandom.Take(ref header, (ulong)NexmarkTables.FirstNameCount);
        var name = _tables.PersonNames[(first * NexmarkTables.LastNameCount) + (int)EventRandom.Take(ref header, (ulong)NexmarkTables.LastNameCount)];
        var city = _tables.CityBytes[(int)EventRandom.Take(ref header, (ulong)_tables.CityBytes.Length)];
        var state = _tables.StateBytes[(int)EventRandom.Take(ref header, (ulong)_tables.StateBytes.Length)];
        var localLength = 3 + (int)EventRandom.Take(ref header, 7 - 3);
        var domainLength = 3 + (int)EventRandom.Take(ref header, 5 - 3);

        const int CardLength = 19;
        ReadOnlySpan<byte> card = default;
        if (demand.ReadsPerson(NexmarkDemand.PersonCard))
        {
            var digits = _scratch.AsSpan(64, CardLength);
            var bits = random.Peek(1);
            for (var group = 0; group < 4; group++)
            {
                if (group == 2)
                {
                    bits = random.Peek(2);
                }

                var value = (int)EventRandom.Take(ref bits, 10_000);
                var start = group * 5;
                digits[start] = (byte)('0' + (value / 1000));
                digits[start + 1] = (byte)('0' + (value / 100 % 10));
                digits[start + 2] = (byte)('0' + (value / 10 % 10));
                digits[start + 3] = (byte)('0' + (value % 10));
                if (group < 3)
                {
                    digits[start + 4] = (byte)' ';
                }
            }

            card = digits;
        }

        var extraBits = random.Peek(3);
        random.Skip(3);
        ReadOnlySpan<byte> email = default;
        var readsExtra = demand.ReadsPerson(NexmarkDemand.PersonExtra);
        if (demand.ReadsPerson(NexmarkDemand.PersonEmail) || readsExtra)
        {
            var local = RandomString(0, localLength, ref random);
            var domain = RandomString(16, domainLength, ref random);
            var composed = _scratch.AsSpan(32, local.Length + 1 + domain.Length + 4);
            local.CopyTo(composed);
            composed[local.Length] = (byte)'@';
            domain.CopyTo(composed[(local.Length + 1)..]);
            ".com"u8.CopyTo(composed[(local.Length + 1 + domain.Length)..]);
            email = composed;
        }

        ReadOnlySpan<byte> extra = default;
        if (readsExtra)
        {
            var (shortest, spread) = ExtraRange(8 + name.Length + email.Length + CardLength + city.Length + state.Length, _personAvgSize);
            var (start, length) = Extra(shortest, spread, extraBits);
            extra = _tables.Pool.AsSpan(start, length);
        }

        writer.Person(new PersonView
        {
            Id = id,
            Name = name,
            EmailAddress = demand.ReadsPerson(NexmarkDemand.PersonEmail) ? email : default,
            CreditCard = card,
            City = city,
            State = state,
            DateTime = timestamp,
            Extra = extra,
        });
    }

    /// <summary>
    /// An auction. Its draws, from its own sequence: (1) seller, category, the lengths of item name and description and
    /// the expiry; (2) the initial bid; (3) the reserve above it; (4) <c>extra</c>'s length and start; then the item name's and
    /// the description's characters, <see cref="CharsPerDraw"/> a draw. Draws of unread fields are not made.
    /// </summary>
    private void GenerateAuction<TWriter>(Position at, long eventNumber, long timestamp, in NexmarkDemand demand, ref TWriter writer)
        where TWriter : INexmarkEventWriter
    {
        var id = LastAuction(at) + FirstAuctionId;
        if (!demand.DrawsAuction)
        {
            writer.Auction(new AuctionView { Id = id, DateTime = timestamp });
            return;
        }

        var random = new EventRandom(_seed, eventNumber + 1);
        var header = random.NextUInt64();
        var seller = PersonReference(LastPerson(at), _hotSellersRatio, 0, ref header) + FirstPersonId;
        var category = FirstCategoryId + (long)EventRandom.Take(ref header, NumCategories);
        var itemNameLength = 3 + (int)EventRandom.Take(ref header, 20 - 3);
        var descriptionLength = 3 + (int)EventRandom.Take(ref header, 100 - 3);
        var horizon = TimestampOfEventNumber(eventNumber + _auctionHorizonEvents) - timestamp;
        var expires = timestamp + 1 + (long)EventRandom.Take(ref header, (ulong)Math.Max(horizon * 2, 1));

        long initialBid = 0, reserve = 0;
        if (demand.ReadsAuction(NexmarkDemand.AuctionInitialBid | NexmarkDemand.AuctionReserve))
        {
            initialBid = NexmarkPrice.Of(random.Peek(1));
            reserve = demand.ReadsAuction(NexmarkDemand.AuctionReserve) ? initialBid + NexmarkPrice.Of(random.Peek(2)) : 0;
        }

        var extraBits = random.Peek(3);
        random.Skip(3);
        var readsExtra = demand.ReadsAuction(NexmarkDemand.AuctionExtra);
        ReadOnlySpan<byte> itemName = default;
        ReadOnlySpan<byte> description = default;
        if (demand.ReadsAuction(NexmarkDemand.AuctionItemName) || readsExtra)
        {
            itemName = RandomString(0, itemNameLength, ref random);
        }
        else
        {
            random.Skip(StringDraws(itemNameLength));
        }

        if (demand.ReadsAuction(NexmarkDemand.AuctionDescription) || readsExtra)
        {
            description = RandomString(32, descriptionLength, ref random);
        }

        ReadOnlySpan<byte> extra = default;
        if (readsExtra)
        {
            var (shortest, spread) = ExtraRange(8 + itemName.Length + description.Length + 40, _auctionAvgSize);
            var (start, length) = Extra(shortest, spread, extraBits);
            extra = _tables.Pool.AsSpan(start, length);
        }

        writer.Auction(new AuctionView
        {
            Id = id,
            ItemName = demand.ReadsAuction(NexmarkDemand.AuctionItemName) ? itemName : default,
            Description = demand.ReadsAuction(NexmarkDemand.AuctionDescription) ? description : default,
            InitialBid = initialBid,
            Reserve = reserve,
            DateTime = timestamp,
            Expires = expires,
            Seller = seller,
            Category = category,
            Extra = extra,
        });
    }

    /// <summary>
    /// A bid: three draws of the seed's bid sequence, at <c>3 × event id + 1 .. 3</c> (no per-event seeding): (1) auction
    /// and bidder, (2) the price, (3) channel and <c>extra</c>'s length and start. Each bounded value is taken from its
    /// draw by multiply-shift (<see cref="EventRandom.Take"/>); draws whose fields are not read are not made. With
    /// <see cref="NexmarkDemand.DefersBids"/> only the bid's place is written (its event id and epoch), and
    /// <see cref="FillBids"/> computes the fields of a batch's bids later, column by column, with the same values.
    /// </summary>
    private void GenerateBid<TWriter>(Position at, long eventId, long timestamp, in NexmarkDemand demand, ref TWriter writer)
        where TWriter : INexmarkEventWriter
    {
        if (!demand.DrawsBid)
        {
            writer.Bid(new BidView { DateTime = timestamp, EventId = eventId, Epoch = at.Epoch });
            return;
        }

        var counter = BidCounter(eventId);
        long auction = 0, bidder = 0;
        if (demand.ReadsBid(NexmarkDemand.BidAuction | NexmarkDemand.BidBidder))
        {
            (auction, bidder) = BidParties(counter, at.Epoch);
        }

        var price = demand.ReadsBid(NexmarkDemand.BidPrice) ? BidPrice(counter) : 0;
        var channel = 0;
        var extraStart = 0;
        var extraLength = 0;
        if (demand.ReadsBid(NexmarkDemand.BidChannel | NexmarkDemand.BidUrl | NexmarkDemand.BidExtra))
        {
            (channel, extraStart, extraLength) = BidStrings(counter);
        }

        writer.Bid(new BidView
        {
            Auction = auction,
            Bidder = bidder,
            Price = price,
            Channel = demand.ReadsBid(NexmarkDemand.BidChannel) ? ValueAt(_tables.ChannelBytes, _tables.ChannelOffsets, channel) : default,
            Url = demand.ReadsBid(NexmarkDemand.BidUrl) ? ValueAt(_tables.UrlBytes, _tables.UrlOffsets, channel) : default,
            DateTime = timestamp,
            Extra = demand.ReadsBid(NexmarkDemand.BidExtra) ? _tables.Pool.AsSpan(extraStart, extraLength) : default,
            ExtraStart = extraStart,
            ChannelIndex = channel,
            EventId = eventId,
            Epoch = at.Epoch,
        });
    }

    /// <summary>
    /// Computes the read fields of the bids <paramref name="from"/> .. of <paramref name="bids"/>, whose event ids and
    /// epochs are set (bids written with <see cref="NexmarkDemand.DefersBids"/>), one field at a time over all of them: the
    /// values <see cref="GenerateBid"/> gives, but each loop's iterations are independent, so the processor overlaps
    /// their long chains of dependent arithmetic (the price's above all) instead of waiting for each bid's. Where AVX2 and
    /// FMA exist, <see cref="BidVectors"/> computes four bids at a time, and the scalar loops finish the rest.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void FillBids(NexmarkBidColumns bids, int from, NexmarkDemand demand)
    {
        var eventIds = bids.EventId[from..];
        if (demand.ReadsBid(NexmarkDemand.BidAuction | NexmarkDemand.BidBidder))
        {
            var epochs = bids.Epoch[from..];
            var auctions = bids.Auction[from..];
            var bidders = bids.Bidder[from..];
            var i = BidVectors.Parties(eventIds, epochs, auctions, bidders, _bidSequence, _p, _a, _hotAuctionRatio, _hotBiddersRatio);
            for (; i < eventIds.Length && i < epochs.Length && i < auctions.Length && i < bidders.Length; i++)
            {
                (auctions[i], bidders[i]) = BidParties(BidCounter(eventIds[i]), epochs[i]);
            }
        }

        if (demand.ReadsBid(NexmarkDemand.BidPrice))
        {
            var prices = bids.Price[from..];
            var i = BidVectors.Prices(eventIds, prices, _bidSequence);
            for (; i < eventIds.Length && i < prices.Length; i++)
            {
                prices[i] = BidPrice(BidCounter(eventIds[i]));
            }
        }

        if (demand.ReadsBid(NexmarkDemand.BidChannel | NexmarkDemand.BidUrl | NexmarkDemand.BidExtra))
        {
            var channels = bids.Channel[from..];
            var starts = bids.ExtraStart[from..];
            var lengths = bids.ExtraLength[from..];
            var i = _bidExtraShortest < 0 ? 0 : BidVectors.Strings(eventIds, channels, starts, lengths, _bidSequence, _bidExtraShortest, _bidExtraSpread);
            for (; i < eventIds.Length && i < channels.Length && i < starts.Length && i < lengths.Length; i++)
            {
                (channels[i], starts[i], lengths[i]) = BidStrings(BidCounter(eventIds[i]));
            }

            if (!demand.ReadsBid(NexmarkDemand.BidExtra))
            {
                lengths.Clear();
            }
        }
    }

    /// <summary>Where the draws of the bid with <paramref name="eventId"/> start in the seed's bid sequence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong BidCounter(long eventId) => _bidSequence + ((ulong)eventId * BidStride);

    /// <summary>A bid's auction and bidder, from its first draw (for a bid, the newest auction and person are its epoch's last).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (long Auction, long Bidder) BidParties(ulong counter, long epoch)
    {
        var bits = EventRandom.Mix(counter + Gamma);
        var auction = AuctionReference((epoch * _a) + _a - 1, _hotAuctionRatio, ref bits) + FirstAuctionId;

        // Flink's generator adds the first person id twice (bidder = base-0 id + 2000).
        var bidder = PersonReference((epoch * _p) + _p - 1, _hotBiddersRatio, 1, ref bits) + (2 * FirstPersonId);
        return (auction, bidder);
    }

    /// <summary>A bid's price, from its second draw.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long BidPrice(ulong counter) => NexmarkPrice.Of(EventRandom.Mix(counter + unchecked(2 * Gamma)));

    /// <summary>
    /// A bid's channel (hot with probability 1/2; the index of its name and URL in the tables) and its <c>extra</c>'s
    /// start and length in the pool, from its third draw.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (int Channel, int ExtraStart, int ExtraLength) BidStrings(ulong counter)
    {
        var bits = EventRandom.Mix(counter + BidStride);
        var hot = (int)EventRandom.AboveZeroMask(EventRandom.Take(ref bits, HotChannelsRatio));
        var hotChannel = (int)EventRandom.Take(ref bits, NexmarkTables.HotChannelCount);
        var coldChannel = NexmarkTables.HotChannelCount + (int)EventRandom.Take(ref bits, NexmarkTables.ChannelsNumber);
        var (start, length) = Extra(_bidExtraShortest, _bidExtraSpread, bits);
        return (coldChannel ^ ((coldChannel ^ hotChannel) & hot), start, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> ValueAt(byte[] bytes, int[] offsets, int index) =>
        bytes.AsSpan(offsets[index], offsets[index + 1] - offsets[index]);

    /// <summary>An event id as (id div total proportion, id mod total proportion), computed once per event.</summary>
    private readonly record struct Position(long Epoch, long Offset);
}
