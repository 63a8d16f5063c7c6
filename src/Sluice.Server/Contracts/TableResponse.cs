namespace Sluice.Server.Contracts;

/// <summary>A table or view declared by a deployment's script.</summary>
/// <param name="Name">The table's name.</param>
/// <param name="DeploymentId">The deployment whose script declares it.</param>
/// <param name="Deployment">That deployment's name.</param>
/// <param name="Kind">TABLE or VIEW.</param>
/// <param name="Connector">The <c>connector</c> option of a table (other options are not shown: they may hold secrets).</param>
/// <param name="Columns">The columns.</param>
internal sealed record TableResponse(string Name, string DeploymentId, string Deployment, string Kind, string? Connector, IReadOnlyList<ColumnResponse> Columns);
