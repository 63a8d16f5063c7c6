namespace Sluice.Cli.Bench;

/// <summary>
/// A histogram of latencies in whole milliseconds (0 .. 600 000, larger ones counted in the last bucket), filled by
/// every sink writer of a run concurrently.
/// </summary>
internal sealed class LatencyRecorder
{
    private const int Buckets = 600_001;
    private readonly long[] _counts = new long[Buckets];
    private long _total;

    public long Count => Interlocked.Read(ref _total);

    public void Record(long millis)
    {
        var bucket = (int)Math.Clamp(millis, 0, Buckets - 1);
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _total);
    }

    /// <summary>The latency below which <paramref name="fraction"/> of the recorded ones are, or null when none was recorded.</summary>
    public double? Percentile(double fraction)
    {
        var total = Count;
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(fraction * total);
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return i;
            }
        }

        return Buckets - 1;
    }
}
