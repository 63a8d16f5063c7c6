namespace Sluice.Server.Contracts;

/// <summary>A deployment: its spec and status.</summary>
/// <param name="Id">The server-assigned id.</param>
/// <param name="Spec">What it should run.</param>
/// <param name="Status">What it does.</param>
/// <param name="CreatedAt">When it was created.</param>
internal sealed record DeploymentResponse(string Id, DeploymentSpec Spec, DeploymentStatus Status, DateTimeOffset CreatedAt);
