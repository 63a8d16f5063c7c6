using Sluice.Core.Messages;

namespace Sluice.Runtime.Metrics;

/// <summary>One checkpoint or savepoint a job attempted, completed or failed (Flink's checkpoint history entry).</summary>
/// <param name="CheckpointId">The checkpoint id (the savepoint's id for a savepoint).</param>
/// <param name="Kind">Checkpoint or savepoint.</param>
/// <param name="TriggeredAt">When the coordinator triggered it (the job's <see cref="TimeProvider"/>).</param>
/// <param name="Duration">From trigger to completion or failure.</param>
/// <param name="Bytes">Bytes of state written (0 for a failed one).</param>
/// <param name="Completed">True when it completed; false when it failed or was aborted.</param>
/// <param name="Failure">Why it failed, or null.</param>
public sealed record CheckpointStats(long CheckpointId, CheckpointKind Kind, DateTimeOffset TriggeredAt, TimeSpan Duration, long Bytes,
    bool Completed, string? Failure);
