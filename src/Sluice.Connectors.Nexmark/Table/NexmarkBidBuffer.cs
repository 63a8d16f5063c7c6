using Sluice.Connectors.Nexmark.Generator;

namespace Sluice.Connectors.Nexmark.Table;

/// <summary>
/// The bids of one batch, column by column, before they go into the <c>bid</c> ROW's builders: numbers as they are,
/// strings as references into the stream's tables (<c>extra</c> as a slice of the pool, channel and URL as an index). Writing
/// a run of bids column by column copies the strings in a tight loop whose loads overlap, instead of one copy call per
/// field and event. Owned by one reader and reused from batch to batch; not thread-safe.
/// </summary>
internal sealed class NexmarkBidBuffer
{
    private long[] _auction = [];
    private long[] _bidder = [];
    private long[] _price = [];
    private long[] _dateTime = [];
    private int[] _extraStart = [];
    private int[] _extraLength = [];
    private int[] _channel = [];
    private int[] _nullsBefore = [];
    private int[] _sliceStarts = [];
    private int[] _sliceLengths = [];

    /// <summary>The number of bids buffered.</summary>
    public int Count { get; private set; }

    public ReadOnlySpan<long> Auction => _auction.AsSpan(0, Count);

    public ReadOnlySpan<long> Bidder => _bidder.AsSpan(0, Count);

    public ReadOnlySpan<long> Price => _price.AsSpan(0, Count);

    /// <summary>The event times as stored (microseconds for <c>TIMESTAMP(3)</c>).</summary>
    public ReadOnlySpan<long> DateTime => _dateTime.AsSpan(0, Count);

    public ReadOnlySpan<int> ExtraStart => _extraStart.AsSpan(0, Count);

    public ReadOnlySpan<int> ExtraLength => _extraLength.AsSpan(0, Count);

    /// <summary>The index of each bid's channel and URL among the values of <see cref="NexmarkTables.ChannelBytes"/> and <see cref="NexmarkTables.UrlBytes"/>.</summary>
    public ReadOnlySpan<int> Channel => _channel.AsSpan(0, Count);

    /// <summary>The number of NULL rows (events of other kinds) between each bid and the bid before it (or the batch start).</summary>
    public ReadOnlySpan<int> NullsBefore => _nullsBefore.AsSpan(0, Count);

    /// <summary>
    /// Where the values <paramref name="indexes"/> of a table of <paramref name="offsets"/> (see
    /// <see cref="NexmarkTables.ChannelOffsets"/>) start and how long they are, in scratch space valid until the next call.
    /// </summary>
    public void Slices(int[] offsets, ReadOnlySpan<int> indexes, out ReadOnlySpan<int> starts, out ReadOnlySpan<int> lengths)
    {
        if (_sliceStarts.Length < indexes.Length)
        {
            _sliceStarts = new int[_auction.Length];
            _sliceLengths = new int[_auction.Length];
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
    /// Buffers a bid that follows <paramref name="nullsBefore"/> NULL rows, with its event time as stored
    /// (<paramref name="dateTime"/>).
    /// </summary>
    public void Add(in BidView bid, long dateTime, int nullsBefore)
    {
        var i = Count;
        if (i == _auction.Length)
        {
            Grow();
        }

        _auction[i] = bid.Auction;
        _bidder[i] = bid.Bidder;
        _price[i] = bid.Price;
        _dateTime[i] = dateTime;
        _extraStart[i] = bid.ExtraStart;
        _extraLength[i] = bid.Extra.Length;
        _channel[i] = bid.ChannelIndex;
        _nullsBefore[i] = nullsBefore;
        Count = i + 1;
    }

    /// <summary>Forgets the buffered bids (keeps the arrays).</summary>
    public void Clear() => Count = 0;

    private void Grow()
    {
        var size = Math.Max(256, _auction.Length * 2);
        Array.Resize(ref _auction, size);
        Array.Resize(ref _bidder, size);
        Array.Resize(ref _price, size);
        Array.Resize(ref _dateTime, size);
        Array.Resize(ref _extraStart, size);
        Array.Resize(ref _extraLength, size);
        Array.Resize(ref _channel, size);
        Array.Resize(ref _nullsBefore, size);
    }
}
