using System.Runtime.CompilerServices;

namespace Sluice.Connectors.Nexmark.Generator;

/// <summary>
/// The bids of one batch, column by column: first each bid's place (event id, epoch, event time as stored, and the
/// number of rows of other kinds before it), then its fields, which <see cref="NexmarkGenerator.FillBids"/> computes one
/// column at a time; strings as references into the stream's tables (<c>extra</c> as a slice of the pool, channel and URL
/// as an index). Owned by one reader and reused from batch to batch; not thread-safe.
/// </summary>
internal sealed class NexmarkBidColumns
{
    private long[] _eventId = [];
    private long[] _epoch = [];
    private long[] _dateTime = [];
    private int[] _nullsBefore = [];
    private long[] _auction = [];
    private long[] _bidder = [];
    private long[] _price = [];
    private int[] _channel = [];
    private int[] _extraStart = [];
    private int[] _extraLength = [];
    private int[] _sliceStarts = [];
    private int[] _sliceLengths = [];

    /// <summary>The number of bids.</summary>
    public int Count { get; private set; }

    /// <summary>Each bid's event id.</summary>
    public Span<long> EventId => _eventId.AsSpan(0, Count);

    /// <summary>Each bid's epoch (event id divided by the total proportion).</summary>
    public Span<long> Epoch => _epoch.AsSpan(0, Count);

    /// <summary>The event times as stored (microseconds for <c>TIMESTAMP(3)</c>).</summary>
    public Span<long> DateTime => _dateTime.AsSpan(0, Count);

    /// <summary>The number of NULL rows (events of other kinds) between each bid and the bid before it (or the batch start).</summary>
    public Span<int> NullsBefore => _nullsBefore.AsSpan(0, Count);

    /// <summary>Each bid's auction.</summary>
    public Span<long> Auction => _auction.AsSpan(0, Count);

    /// <summary>Each bid's bidder.</summary>
    public Span<long> Bidder => _bidder.AsSpan(0, Count);

    /// <summary>Each bid's price.</summary>
    public Span<long> Price => _price.AsSpan(0, Count);

    /// <summary>The index of each bid's channel and URL among the values of <see cref="NexmarkTables.ChannelBytes"/> and <see cref="NexmarkTables.UrlBytes"/>.</summary>
    public Span<int> Channel => _channel.AsSpan(0, Count);

    /// <summary>Where each bid's <c>extra</c> starts in <see cref="NexmarkTables.Pool"/>.</summary>
    public Span<int> ExtraStart => _extraStart.AsSpan(0, Count);

    /// <summary>The length of each bid's <c>extra</c>.</summary>
    public Span<int> ExtraLength => _extraLength.AsSpan(0, Count);

    /// <summary>
    /// Where the values <paramref name="indexes"/> of a table of <paramref name="offsets"/> (see
    /// <see cref="NexmarkTables.ChannelOffsets"/>) start and how long they are, in scratch space valid until the next call.
    /// </summary>
    public void Slices(int[] offsets, ReadOnlySpan<int> indexes, out ReadOnlySpan<int> starts, out ReadOnlySpan<int> lengths)
    {
        if (_sliceStarts.Length < indexes.Length)
        {
            _sliceStarts = new int[_eventId.Length];
            _sliceLengths = new int[_eventId.Length];
        }

        var starting = _sliceStarts.AsSpan(0, indexes.Length);
        var sizes = _sliceLengths.AsSpan(0, indexes.Length);
        for (var i = 0; i < indexes.Length; i++)
        {
            var index = indexes[i];
            starting[i] = offsets[index];
            sizes[i] = offsets[index + 1] - starting[i];
        }

        starts = starting;
        lengths = sizes;
    }

    /// <summary>
    /// Adds a bid that follows <paramref name="nullsBefore"/> NULL rows, with its event time as stored
    /// (<paramref name="dateTime"/>) and the fields <paramref name="bid"/> has (none yet when the generator defers them).
    /// </summary>
    public void Add(in BidView bid, long dateTime, int nullsBefore)
    {
        var i = Count;
        if (i == _eventId.Length)
        {
            Grow();
        }

        _eventId[i] = bid.EventId;
        _epoch[i] = bid.Epoch;
        _dateTime[i] = dateTime;
        _nullsBefore[i] = nullsBefore;
        _auction[i] = bid.Auction;
        _bidder[i] = bid.Bidder;
        _price[i] = bid.Price;
        _channel[i] = bid.ChannelIndex;
        _extraStart[i] = bid.ExtraStart;
        _extraLength[i] = bid.Extra.Length;
        Count = i + 1;
    }

    /// <summary>
    /// Adds a bid whose fields <see cref="NexmarkGenerator.FillBids"/> computes later: its event id, epoch, event time as
    /// stored and the number of NULL rows before it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddPlace(long eventId, long epoch, long dateTime, int nullsBefore)
    {
        var i = Count;
        if (i == _eventId.Length)
        {
            Grow();
        }

        _eventId[i] = eventId;
        _epoch[i] = epoch;
        _dateTime[i] = dateTime;
        _nullsBefore[i] = nullsBefore;
        Count = i + 1;
    }

    /// <summary>Forgets the bids (keeps the arrays).</summary>
    public void Clear() => Count = 0;

    private void Grow()
    {
        var size = Math.Max(256, _eventId.Length * 2);
        Array.Resize(ref _eventId, size);
        Array.Resize(ref _epoch, size);
        Array.Resize(ref _dateTime, size);
        Array.Resize(ref _nullsBefore, size);
        Array.Resize(ref _auction, size);
        Array.Resize(ref _bidder, size);
        Array.Resize(ref _price, size);
        Array.Resize(ref _channel, size);
        Array.Resize(ref _extraStart, size);
        Array.Resize(ref _extraLength, size);
    }
}
