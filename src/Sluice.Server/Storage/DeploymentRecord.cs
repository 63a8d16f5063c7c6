using Sluice.Server.Contracts;

namespace Sluice.Server.Storage;

/// <summary>A deployment as stored: its spec with the spec's generation, and its observed status.</summary>
/// <param name="Id">The id.</param>
/// <param name="Spec">The desired spec.</param>
/// <param name="Generation">Incremented by every spec change.</param>
/// <param name="Phase">The observed status.</param>
/// <param name="Reason">Why (redacted).</param>
/// <param name="ReconciledGeneration">The generation the reconciliation loop last acted on.</param>
/// <param name="Restarts">Restarts of the current job.</param>
/// <param name="StatusUpdatedAt">When the status last changed.</param>
/// <param name="CreatedAt">When the deployment was created.</param>
internal sealed record DeploymentRecord(string Id, DeploymentSpec Spec, long Generation, DeploymentPhase Phase, string? Reason,
    long ReconciledGeneration, int Restarts, DateTimeOffset StatusUpdatedAt, DateTimeOffset CreatedAt)
{
    /// <summary>The API's view.</summary>
    public DeploymentResponse ToResponse() =>
        new(Id, Spec, new DeploymentStatus(Phase, Reason, Generation, ReconciledGeneration, Restarts, StatusUpdatedAt), CreatedAt);
}
