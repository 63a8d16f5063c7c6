namespace Sluice.Runtime.Execution;

/// <summary>How a job ended.</summary>
/// <param name="Status">Finished, Stopped, Cancelled or Failed.</param>
/// <param name="Failure">The failure that ended the job, or null.</param>
/// <param name="Restarts">How many times the job restarted.</param>
/// <param name="LastCompletedCheckpointId">The last completed checkpoint or savepoint, or null.</param>
/// <param name="SavepointPath">The savepoint of a stop-with-savepoint, or null.</param>
public sealed record JobResult(JobStatus Status, Exception? Failure, int Restarts, long? LastCompletedCheckpointId, string? SavepointPath);
