using Sluice.Server.Contracts;

namespace Sluice.Server.OpenApi;

/// <summary>
/// One endpoint of the REST API: the single description both the routing (<see cref="Hosting.ServerApp"/>) and the
/// OpenAPI document (<see cref="OpenApiDocument"/>) are built from, so the two cannot drift apart.
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The route template, e.g. <c>/api/v1/deployments/{id}</c>.</param>
/// <param name="OperationId">A unique id (also the endpoint's name).</param>
/// <param name="Summary">What it does.</param>
/// <param name="Role">The least role a caller needs, or null for an open endpoint.</param>
/// <param name="Handler">The minimal-API handler.</param>
internal sealed record ApiOperation(string Method, string Path, string OperationId, string Summary, Role? Role, Delegate Handler)
{
    /// <summary>The JSON request body's type, or null for none.</summary>
    public Type? Request { get; init; }

    /// <summary>The success response's type, or null for no body.</summary>
    public Type? Response { get; init; }

    /// <summary>The success status.</summary>
    public int Status { get; init; } = StatusCodes.Status200OK;

    /// <summary>The success response's media type.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>The query parameters: name, JSON schema type, description.</summary>
    public IReadOnlyList<(string Name, string Type, string Description)> Query { get; init; } = [];
}
