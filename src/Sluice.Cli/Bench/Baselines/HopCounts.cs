namespace Sluice.Cli.Bench.Baselines;

/// <summary>
/// q5 by hand: bids per auction in 10 s windows sliding by 2 s, each window closed when the watermark (the newest
/// event time minus 4 s, as in the benchmark's DDL) passes its end; then the auctions with the most bids of the window.
/// Input in event-time order (one generator). Returns a checksum of the emitted rows.
/// </summary>
internal sealed class HopCounts
{
    private const long Size = 10_000;
    private const long Slide = 2_000;
    private const long Delay = 4_000;
    private readonly SortedDictionary<long, Dictionary<long, long>> _windows = [];
    private long _checksum;

    public void Add(long auction, long time)
    {
        var last = time - (((time % Slide) + Slide) % Slide);
        for (var start = last; start > time - Size; start -= Slide)
        {
            if (!_windows.TryGetValue(start, out var counts))
            {
                _windows[start] = counts = [];
            }

            counts[auction] = counts.GetValueOrDefault(auction) + 1;
        }

        var watermark = time - Delay;
        while (_windows.Count > 0)
        {
            var first = _windows.First();
            if (first.Key + Size > watermark)
            {
                break;
            }

            Emit(first.Value);
            _windows.Remove(first.Key);
        }
    }

    /// <summary>Closes every open window (end of input) and returns the checksum.</summary>
    public long Finish()
    {
        foreach (var counts in _windows.Values)
        {
            Emit(counts);
        }

        _windows.Clear();
        return _checksum;
    }

    private void Emit(Dictionary<long, long> counts)
    {
        var max = counts.Values.Max();
        foreach (var (auction, count) in counts)
        {
            if (count >= max)
            {
                _checksum += auction ^ count;
            }
        }
    }
}
