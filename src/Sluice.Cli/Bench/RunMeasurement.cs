namespace Sluice.Cli.Bench;

/// <summary>The figures of one run of a query or baseline.</summary>
internal sealed record RunMeasurement(long Events, double Seconds, double CpuSeconds, long PeakBytes, double? LatencyP50Ms = null, double? LatencyP99Ms = null);
