using Sluice.Connectors.Nexmark.Model;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

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
    private const int BidSize = 32;

    private readonly NexmarkTables _tables;
    private readonly byte[] _scratch = new byte[256];
    private readonly ulong _seed;
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Price(ref EventRandom random) => NexmarkPrice.Of(random.NextDouble());

    /// <summary>True when the draw <paramref name="bits"/> makes a space of a random string (probability 1/13).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSpace(ulong bits) => ((bits >> 32) * 13) >> 32 == 0;

    /// <summary>
    /// Writes a random string of 3 .. <paramref name="maxLength"/> - 1 characters (a space with probability 1/13, else
    /// 'a'..'z') at <paramref name="start"/> of the scratch space, and returns it trimmed of spaces.
    /// </summary>
    private ReadOnlySpan<byte> RandomString(int start, int maxLength, scoped ref EventRandom random)
    {
        var length = 3 + random.NextInt(maxLength - 3);
        var chars = _scratch.AsSpan(start, length);
        for (var i = 0; i < chars.Length; i++)
        {
            var bits = random.NextUInt64();
            chars[i] = IsSpace(bits) ? (byte)' ' : (byte)('a' + (int)(((bits & 0xFFFF_FFFFUL) * 26) >> 32));
        }

        return chars.Trim((byte)' ');
    }

    /// <summary>
    /// The length of the trimmed string <see cref="RandomString"/> would draw, found by drawing only its characters up to
    /// the first and from the last non-space (the draws are a counter); advances past the string's draws.
    /// </summary>
    private static int RandomStringLength(int maxLength, ref EventRandom random)
    {
        var length = 3 + random.NextInt(maxLength - 3);
        var first = 1;
        while (first <= length && IsSpace(random.Peek(first)))
        {
            first++;
        }

        var trimmed = 0;
        if (first <= length)
        {
            var last = length;
            while (IsSpace(random.Peek(last)))
            {
                last--;
            }

            trimmed = last - first + 1;
        }

        random.Skip(length);
        return trimmed;
    }

    /// <summary>Advances past the draws of a random string without drawing its characters.</summary>
    private static void SkipRandomString(int maxLength, ref EventRandom random) => random.Skip(3 + random.NextInt(maxLength - 3));

    private ReadOnlySpan<byte> Extra(int currentSize, int averageSize, scoped ref EventRandom random)
    {
        var (shortest, spread) = ExtraRange(currentSize, averageSize);
        return Extra(shortest, spread, ref random, out _);
    }

    /// <summary>
    /// Draws an <c>extra</c> of <paramref name="shortest"/> + [0, <paramref name="spread"/>) bytes (see
    /// <see cref="ExtraRange"/>; a negative <paramref name="shortest"/>: none, and no draw).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Extra(int shortest, int spread, scoped ref EventRandom random, out int start)
    {
        start = 0;
        if (shortest < 0)
        {
            return [];
        }

        var length = shortest + (spread == 0 ? 0 : random.NextInt(spread));
        start = random.NextInt(NexmarkTables.PoolLength - length);
        return _tables.Pool.AsSpan(start, length);
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
        var name = _tables.PersonNames[(random.NextInt(NexmarkTables.FirstNameCount) * NexmarkTables.LastNameCount) + random.NextInt(NexmarkTables.LastNameCount)];
        ReadOnlySpan<byte> email = default;
        int emailLength;
        if (demand.ReadsPerson(NexmarkDemand.PersonEmail))
        {
            var local = RandomString(0, 7, ref random);
            var domain = RandomString(16, 5, ref random);
            var composed = _scratch.AsSpan(32, local.Length + 1 + domain.Length + 4);
            local.CopyTo(composed);
            composed[local.Length] = (byte)'@';
            domain.CopyTo(composed[(local.Length + 1)..]);
            ".com"u8.CopyTo(composed[(local.Length + 1 + domain.Length)..]);
            email = composed;
            emailLength = composed.Length;
        }
        else if (demand.ReadsPerson(NexmarkDemand.PersonExtra))
        {
            emailLength = RandomStringLength(7, ref random) + 1 + RandomStringLength(5, ref random) + 4;
        }
        else
        {
            SkipRandomString(7, ref random);
            SkipRandomString(5, ref random);
            emailLength = 0;
        }

        const int CardLength = 19;
        ReadOnlySpan<byte> card = default;
        if (demand.ReadsPerson(NexmarkDemand.PersonCard))
        {
            var digits = _scratch.AsSpan(64, CardLength);
            for (var group = 0; group < 4; group++)
            {
                var value = random.NextInt(10_000);
                var first = group * 5;
                digits[first] = (byte)('0' + (value / 1000));
                digits[first + 1] = (byte)('0' + (value / 100 % 10));
                digits[first + 2] = (byte)('0' + (value / 10 % 10));
                digits[first + 3] = (byte)('0' + (value % 10));
                if (group < 3)
                {
                    digits[first + 4] = (byte)' ';
                }
            }

            card = digits;
        }
        else
        {
            random.Skip(4);
        }

        var city = _tables.CityBytes[random.NextInt(_tables.CityBytes.Length)];
        var state = _tables.StateBytes[random.NextInt(_tables.StateBytes.Length)];
        ReadOnlySpan<byte> extra = default;
        if (demand.ReadsPerson(NexmarkDemand.PersonExtra))
        {
            var size = 8 + name.Length + emailLength + CardLength + city.Length + state.Length;
            extra = Extra(size, _personAvgSize, ref random);
        }

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
        var seller = random.NextInt(_hotSellersRatio) > 0
            ? LastPerson(at) / HotBlock * HotBlock
            : RandomPerson(at, ref random);
        seller += FirstPersonId;
        var category = FirstCategoryId + random.NextInt(NumCategories);
        long initialBid = 0;
        if (demand.ReadsAuction(NexmarkDemand.AuctionInitialBid | NexmarkDemand.AuctionReserve))
        {
            initialBid = Price(ref random);
        }
        else
        {
            random.Skip(1);
        }

        var horizon = TimestampOfEventNumber(eventNumber + _auctionHorizonEvents) - timestamp;
        var expires = timestamp + 1 + random.NextLong(Math.Max(horizon * 2, 1));
        var readsExtra = demand.ReadsAuction(NexmarkDemand.AuctionExtra);
        ReadOnlySpan<byte> itemName = default;
        ReadOnlySpan<byte> description = default;
        int itemNameLength, descriptionLength;
        if (demand.ReadsAuction(NexmarkDemand.AuctionItemName))
        {
            itemName = RandomString(0, 20, ref random);
            itemNameLength = itemName.Length;
        }
        else
        {
            itemNameLength = Measure(20, readsExtra, ref random);
        }

        if (demand.ReadsAuction(NexmarkDemand.AuctionDescription))
        {
            description = RandomString(32, 100, ref random);
            descriptionLength = description.Length;
        }
        else
        {
            descriptionLength = Measure(100, readsExtra, ref random);
        }

        long reserve = 0;
        if (demand.ReadsAuction(NexmarkDemand.AuctionReserve))
        {
            reserve = initialBid + Price(ref random);
        }
        else
        {
            random.Skip(1);
        }

        var extra = readsExtra ? Extra(8 + itemNameLength + descriptionLength + 40, _auctionAvgSize, ref random) : default;

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

        static int Measure(int maxLength, bool needed, ref EventRandom random)
        {
            if (needed)
            {
                return RandomStringLength(maxLength, ref random);
            }

            SkipRandomString(maxLength, ref random);
            return 0;
        }
    }

    private void GenerateBid<TWriter>(Position at, long eventId, long timestamp, in NexmarkDemand demand, ref TWriter writer)
        where TWriter : INexmarkEventWriter
    {
        if (!demand.DrawsBid)
        {
            writer.Bid(new BidView { DateTime = timestamp });
            return;
        }

        var random = new EventRandom(_seed, eventId);
        var auction = random.NextInt(_hotAuctionRatio) > 0
            ? LastAuction(at) / HotBlock * HotBlock
            : RandomAuction(at, ref random);
        auction += FirstAuctionId;
        var bidder = random.NextInt(_hotBiddersRatio) > 0
            ? (LastPerson(at) / HotBlock * HotBlock) + 1
            : RandomPerson(at, ref random);

        // Flink's generator adds the first person id twice (bidder = base-0 id + 2000).
        bidder += 2 * FirstPersonId;
        long price = 0;
        if (demand.ReadsBid(NexmarkDemand.BidPrice))
        {
            price = Price(ref random);
        }
        else
        {
            random.Skip(1);
        }

        // The channel takes two draws either way: an extra read without the channel or URL skips them.
        var channel = 0;
        if (demand.ReadsBid(NexmarkDemand.BidChannel | NexmarkDemand.BidUrl))
        {
            channel = random.NextInt(HotChannelsRatio) > 0
                ? random.NextInt(_tables.HotChannels.Length)
                : _tables.HotChannels.Length + random.NextInt(NexmarkTables.ChannelsNumber);
        }
        else
        {
            random.Skip(2);
        }

        var extraStart = 0;
        var extra = default(ReadOnlySpan<byte>);
        if (demand.ReadsBid(NexmarkDemand.BidExtra))
        {
            extra = Extra(_bidExtraShortest, _bidExtraSpread, ref random, out extraStart);
            Prefetch(_tables.Pool, extraStart, extra.Length);
        }

        if (demand.ReadsBid(NexmarkDemand.BidUrl))
        {
            Prefetch(_tables.UrlBytes, _tables.UrlOffsets[channel], 1);
        }

        writer.Bid(new BidView
        {
            Auction = auction,
            Bidder = bidder,
            Price = price,
            Channel = demand.ReadsBid(NexmarkDemand.BidChannel) ? ValueAt(_tables.ChannelBytes, _tables.ChannelOffsets, channel) : default,
            Url = demand.ReadsBid(NexmarkDemand.BidUrl) ? ValueAt(_tables.UrlBytes, _tables.UrlOffsets, channel) : default,
            DateTime = timestamp,
            Extra = extra,
            ExtraStart = extraStart,
            ChannelIndex = channel,
        });
    }

    /// <summary>
    /// Asks the processor to load <c>bytes[start .. start + length]</c> into its cache: a consumer that copies the value
    /// a little later (a batch writer, after the run of events) then finds it there instead of waiting for memory.
    /// <paramref name="bytes"/> must be pinned.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(byte[] bytes, int start, int length)
    {
        if (Sse.IsSupported && (uint)start < (uint)bytes.Length && length > 0 && length <= bytes.Length - start)
        {
            var first = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(bytes)) + start;
            Sse.Prefetch0(first);
            Sse.Prefetch0(first + length - 1);
            if (length > 64)
            {
                Sse.Prefetch0(first + 64);
            }
        }
    }

    private static ReadOnlySpan<byte> ValueAt(byte[] bytes, int[] offsets, int index) =>
        bytes.AsSpan(offsets[index], offsets[index + 1] - offsets[index]);

    /// <summary>An event id as (id div total proportion, id mod total proportion), computed once per event.</summary>
    private readonly record struct Position(long Epoch, long Offset);
}
