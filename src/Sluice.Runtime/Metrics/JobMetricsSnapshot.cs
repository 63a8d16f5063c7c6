namespace Sluice.Runtime.Metrics;

/// <summary>A point-in-time view of a job's metrics.</summary>
/// <param name="Operators">Per operator subtask.</param>
/// <param name="CheckpointsCompleted">Completed checkpoints and savepoints.</param>
/// <param name="CheckpointsFailed">Failed checkpoints.</param>
/// <param name="LastCheckpointMillis">Duration of the last completed checkpoint.</param>
/// <param name="LastCheckpointBytes">State bytes written by the last completed checkpoint.</param>
/// <param name="Restarts">Job restarts.</param>
public sealed record JobMetricsSnapshot(IReadOnlyList<OperatorMetricsSnapshot> Operators, long CheckpointsCompleted, long CheckpointsFailed,
    double LastCheckpointMillis, long LastCheckpointBytes, int Restarts);
