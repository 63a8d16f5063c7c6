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
/// parallelism 1. Its random choices come from a generator seeded with (seed, event id), so any event can be generated
/// on its own: splits of the stream need no shared state, and a split's position is just the next index.</para>
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
    private const int NumActivePeople = 1000;
    private const int NumInFlightAuctions = 100;
    private const int HotChannelsRatio = 2;
    private static readonly double Log10Times6 = 6 * Math.Log(10);

    private readonly NexmarkTables _tables;
    private readonly byte[] _scratch = new byte[256];
    private readonly ulong _seed;
    private readonly int _p;
    private readonly int _a;
    private readonly int _total;
    private readonly double _interEventDelayUs;
    private readonly long _auctionHorizonEvents;

    /// <summary>Creates a generator.</summary>
    /// <exception cref="Abstractions.Table.TableOptionException">The configuration is invalid.</exception>
    public NexmarkGenerator(NexmarkConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration.Validate();
        _tables = NexmarkTables.For(configuration.Seed);
        _seed = (ulong)configuration.Seed;
        _p = configuration.PersonProportion;
        _a = configuration.AuctionProportion;
        _total = configuration.TotalProportion;
        _interEventDelayUs = 1_000_000.0 / configuration.FirstEventRate;
        _auctionHorizonEvents = _a == 0 ? 0 : (long)NumInFlightAuctions * _total / _a;
    }

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
        var eventNumber = index + 1;
        var eventId = index + 2;
        var timestamp = TimestampOfEventNumber(eventNumber);
        var random = new EventRandom(_seed, eventId);
        var epoch = eventId / _total;
        var position = new Position(epoch, eventId - (epoch * _total));
        if (position.Offset < _p)
        {
            GeneratePerson(position, timestamp, ref random, ref writer);
        }
        else if (position.Offset < _p + _a)
        {
            GenerateAuction(position, eventNumber, timestamp, ref random, ref writer);
        }
        else
        {
            GenerateBid(position, timestamp, ref random, ref writer);
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

    private long TimestampOfEventNumber(long eventNumber) =>
        Configuration.BaseTime + ((long)(eventNumber * _interEventDelayUs) / 1000);

    private long RandomPerson(Position at, ref EventRandom random)
    {
        var n = LastPerson(at) + 1;
        var active = Math.Min(n, NumActivePeople);
        return n - active + random.NextLong(active + PersonIdLead);
    }

    private long RandomAuction(Position at, ref EventRandom random)
    {
        var max = LastAuction(at);
        var min = Math.Max(max - NumInFlightAuctions, 0);
        return min + random.NextLong(max - min + 1 + AuctionIdLead);
    }

    private static long Price(ref EventRandom random) => (long)Math.Floor((Math.Exp(random.NextDouble() * Log10Times6) * 100.0) + 0.5);

    /// <summary>
    /// Writes a random string of 3 .. <paramref name="maxLength"/> - 1 characters (a space with probability 1/13, else
    /// 'a'..'z') at <paramref name="start"/> of the scratch space, and returns it trimmed of spaces.
    /// </summary>
    private ReadOnlySpan<byte> RandomString(int start, int maxLength, ref EventRandom random)
    {
        var length = 3 + random.NextInt(maxLength - 3);
        var chars = _scratch.AsSpan(start, length);
        for (var i = 0; i < chars.Length; i++)
        {
            var bits = random.NextUInt64();
            chars[i] = ((bits >> 32) * 13) >> 32 == 0 ? (byte)' ' : (byte)('a' + (int)(((bits & 0xFFFF_FFFFUL) * 26) >> 32));
        }

        return chars.Trim((byte)' ');
    }

    private ReadOnlySpan<byte> Extra(int currentSize, int averageSize, ref EventRandom random)
    {
        if (currentSize > averageSize)
        {
            return [];
        }

        var desired = averageSize - currentSize;
        var delta = (int)Math.Round(0.2 * desired, MidpointRounding.AwayFromZero);
        var length = desired - delta + (delta == 0 ? 0 : random.NextInt(2 * delta));
        var start = random.NextInt(NexmarkTables.PoolLength - length);
        return _tables.Pool.AsSpan(start, length);
    }

    private void GeneratePerson<TWriter>(Position at, long timestamp, ref EventRandom random, ref TWriter writer)
        where TWriter : INexmarkEventWriter
    {
        var id = LastPerson(at) + FirstPersonId;
        var name = _tables.PersonNames[(random.NextInt(NexmarkTables.FirstNameCount) * NexmarkTables.LastNameCount) + random.NextInt(NexmarkTables.LastNameCount)];
        var local = RandomString(0, 7, ref random);
        var domain = RandomString(16, 5, ref random);
        var email = _scratch.AsSpan(32, local.Length + 1 + domain.Length + 4);
        local.CopyTo(email);
        email[local.Length] = (byte)'@';
        domain.CopyTo(email[(local.Length + 1)..]);
        ".com"u8.CopyTo(email[(local.Length + 1 + domain.Length)..]);
        var card = _scratch.AsSpan(64, 19);
        for (var group = 0; group < 4; group++)
        {
            var digits = random.NextInt(10_000);
            var first = group * 5;
            card[first] = (byte)('0' + (digits / 1000));
            card[first + 1] = (byte)('0' + (digits / 100 % 10));
            card[first + 2] = (byte)('0' + (digits / 10 % 10));
            card[first + 3] = (byte)('0' + (digits % 10));
            if (group < 3)
            {
                card[first + 4] = (byte)' ';
            }
        }

        var city = _tables.CityBytes[random.NextInt(_tables.CityBytes.Length)];
        var state = _tables.StateBytes[random.NextInt(_tables.StateBytes.Length)];
        var size = 8 + name.Length + email.Length + card.Length + city.Length + state.Length;
        var extra = Extra(size, Configuration.PersonAvgSize, ref random);
        writer.Person(new PersonView
        {
            Id = id,
            Name = name,
            EmailAddress = email,
            CreditCard = card,
            City = city,
            State = state,
            DateTime = timestamp,
            Extra = extra,
        });
    }

    private void GenerateAuction<TWriter>(Position at, long eventNumber, long timestamp, ref EventRandom random, ref TWriter writer)
        where TWriter : INexmarkEventWriter
    {
        var id = LastAuction(at) + FirstAuctionId;
        var seller = random.NextInt(Configuration.HotSellersRatio) > 0
            ? LastPerson(at) / HotBlock * HotBlock
            : RandomPerson(at, ref random);
        seller += FirstPersonId;
        var category = FirstCategoryId + random.NextInt(NumCategories);
        var initialBid = Price(ref random);
        var horizon = TimestampOfEventNumber(eventNumber + _auctionHorizonEvents) - timestamp;
        var expires = timestamp + 1 + random.NextLong(Math.Max(horizon * 2, 1));
        var itemName = RandomString(0, 20, ref random);
        var description = RandomString(32, 100, ref random);
        var reserve = initialBid + Price(ref random);
        var size = 8 + itemName.Length + description.Length + 40;
        var extra = Extra(size, Configuration.AuctionAvgSize, ref random);
        writer.Auction(new AuctionView
        {
            Id = id,
            ItemName = itemName,
            Description = description,
            InitialBid = initialBid,
            Reserve = reserve,
            DateTime = timestamp,
            Expires = expires,
            Seller = seller,
            Category = category,
            Extra = extra,
        });
    }

    private void GenerateBid<TWriter>(Position at, long timestamp, ref EventRandom random, ref TWriter writer)
        where TWriter : INexmarkEventWriter
    {
        var auction = random.NextInt(Configuration.HotAuctionRatio) > 0
            ? LastAuction(at) / HotBlock * HotBlock
            : RandomAuction(at, ref random);
        auction += FirstAuctionId;
        var bidder = random.NextInt(Configuration.HotBiddersRatio) > 0
            ? (LastPerson(at) / HotBlock * HotBlock) + 1
            : RandomPerson(at, ref random);
        bidder += FirstPersonId;
        var price = Price(ref random);
        ReadOnlySpan<byte> channel;
        ReadOnlySpan<byte> url;
        if (random.NextInt(HotChannelsRatio) > 0)
        {
            var hot = random.NextInt(_tables.HotChannels.Length);
            channel = _tables.HotChannels[hot];
            url = _tables.HotUrls[hot];
        }
        else
        {
            var n = random.NextInt(NexmarkTables.ChannelsNumber);
            channel = _tables.ChannelNames[n];
            url = _tables.ChannelUrls[n];
        }

        // Flink's generator adds the first person id a second time (bidder = base-0 id + 2000).
        bidder += FirstPersonId;
        var extra = Extra(32, Configuration.BidAvgSize, ref random);
        writer.Bid(new BidView
        {
            Auction = auction,
            Bidder = bidder,
            Price = price,
            Channel = channel,
            Url = url,
            DateTime = timestamp,
            Extra = extra,
        });
    }

    /// <summary>An event id as (id div total proportion, id mod total proportion), computed once per event.</summary>
    private readonly record struct Position(long Epoch, long Offset);
}
