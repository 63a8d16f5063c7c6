namespace Sluice.Cli.Bench;

/// <summary>The medians over the runs of one query (or baseline), or the error that stopped it.</summary>
internal sealed record BenchResult(string Name, string Query, long Events, double Seconds, double Cores, long PeakBytes, double? LatencyP50Ms, double? LatencyP99Ms, string? Error)
{
    public double EventsPerSecond => Seconds > 0 ? Events / Seconds : 0;

    public double EventsPerSecondPerCore => Cores > 0 ? EventsPerSecond / Cores : 0;

    public static BenchResult Failed(string name, string query, string error) => new(name, query, 0, 0, 0, 0, null, null, error);

    /// <summary>The medians of <paramref name="runs"/>, each figure on its own.</summary>
    public static BenchResult Of(string name, string query, IReadOnlyList<RunMeasurement> runs) => new(
        name, query, runs[0].Events,
        Median(runs.Select(r => r.Seconds)),
        Median(runs.Select(r => r.Seconds > 0 ? r.CpuSeconds / r.Seconds : 0)),
        (long)Median(runs.Select(r => (double)r.PeakBytes)),
        runs.Any(r => r.LatencyP50Ms is not null) ? Median(runs.Where(r => r.LatencyP50Ms is not null).Select(r => r.LatencyP50Ms!.Value)) : null,
        runs.Any(r => r.LatencyP99Ms is not null) ? Median(runs.Where(r => r.LatencyP99Ms is not null).Select(r => r.LatencyP99Ms!.Value)) : null,
        null);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
