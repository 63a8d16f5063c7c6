namespace Sluice.Server.Contracts;

/// <summary>One checkpoint or savepoint of a deployment's jobs, from its checkpoint history.</summary>
/// <param name="Id">The checkpoint id (increasing across the deployment's jobs while its checkpoints are kept).</param>
/// <param name="Kind">Checkpoint or savepoint.</param>
/// <param name="Status">Completed or failed.</param>
/// <param name="TriggeredAt">When it was triggered.</param>
/// <param name="DurationMillis">From trigger to completion or failure, in milliseconds.</param>
/// <param name="SizeBytes">Bytes of state written (0 when it failed).</param>
/// <param name="Failure">Why it failed, or null (secret values redacted).</param>
internal sealed record CheckpointResponse(long Id, CheckpointType Kind, CheckpointStatus Status, DateTimeOffset TriggeredAt, double DurationMillis,
    long SizeBytes, string? Failure);
