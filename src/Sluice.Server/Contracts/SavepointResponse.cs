namespace Sluice.Server.Contracts;

/// <summary>A savepoint of a deployment.</summary>
/// <param name="Id">The server-assigned id.</param>
/// <param name="DeploymentId">The deployment.</param>
/// <param name="CheckpointId">The checkpoint id of the snapshot.</param>
/// <param name="Origin">Why it was taken.</param>
/// <param name="Path">Where it is stored on the server.</param>
/// <param name="CreatedAt">When it was taken.</param>
internal sealed record SavepointResponse(string Id, string DeploymentId, long CheckpointId, SavepointOrigin Origin, string Path, DateTimeOffset CreatedAt);
