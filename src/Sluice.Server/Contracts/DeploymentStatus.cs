namespace Sluice.Server.Contracts;

/// <summary>The observed status of a deployment.</summary>
/// <param name="Phase">The job's status.</param>
/// <param name="Reason">Why it is in that status (a failure's message, the savepoint it stopped with, ...).</param>
/// <param name="Generation">The spec's generation (incremented by every change).</param>
/// <param name="ReconciledGeneration">The generation the reconciliation loop last acted on.</param>
/// <param name="Restarts">Restarts of the current job.</param>
/// <param name="UpdatedAt">When the status last changed.</param>
internal sealed record DeploymentStatus(DeploymentPhase Phase, string? Reason, long Generation, long ReconciledGeneration, int Restarts,
    DateTimeOffset UpdatedAt);
