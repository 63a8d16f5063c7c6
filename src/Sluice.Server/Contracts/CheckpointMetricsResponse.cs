namespace Sluice.Server.Contracts;

/// <summary>The checkpoint metrics of a job.</summary>
/// <param name="Count">Completed checkpoints and savepoints.</param>
/// <param name="Failed">Failed checkpoints.</param>
/// <param name="LastDurationMillis">The duration of the last completed one.</param>
/// <param name="LastSizeBytes">The state bytes the last completed one wrote.</param>
internal sealed record CheckpointMetricsResponse(long Count, long Failed, double LastDurationMillis, long LastSizeBytes);
