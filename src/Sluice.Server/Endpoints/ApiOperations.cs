using Sluice.Server.OpenApi;

namespace Sluice.Server.Endpoints;

/// <summary>Every endpoint of the server, in the order of the OpenAPI document.</summary>
internal static class ApiOperations
{
    /// <summary>The operations.</summary>
    public static IReadOnlyList<ApiOperation> All { get; } =
        [.. DeploymentEndpoints.Operations(), .. SqlEndpoints.Operations(), .. AdminEndpoints.Operations(), .. SystemEndpoints.Operations()];
}
