using Sluice.Runtime.Metrics;

namespace Sluice.Server.Deployments;

/// <summary>A job's metrics at one moment (<see cref="TimeProvider.GetTimestamp"/>), for rates between two samples.</summary>
/// <param name="Timestamp">When it was taken.</param>
/// <param name="Snapshot">The metrics.</param>
internal sealed record MetricsSample(long Timestamp, JobMetricsSnapshot Snapshot);
