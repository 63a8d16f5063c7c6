namespace Sluice.Runtime.Execution;

/// <summary>How one attempt of a job ended.</summary>
internal sealed record AttemptOutcome(JobStatus Status, Exception? Failure, string? SavepointPath);
