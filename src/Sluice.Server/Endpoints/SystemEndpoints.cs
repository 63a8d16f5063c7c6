using Sluice.Server.Contracts;
using Sluice.Server.Metrics;
using Sluice.Server.OpenApi;
using Sluice.Server.Security;

namespace Sluice.Server.Endpoints;

/// <summary>Health, the OpenAPI document, and the Prometheus metrics.</summary>
internal static class SystemEndpoints
{
    /// <summary>The operations.</summary>
    public static IEnumerable<ApiOperation> Operations() =>
    [
        new("GET", "/api/v1/health", "getHealth", "The server answers; tells whether requests need a token.", null,
            (AccessPolicy policy) => Results.Ok(new HealthResponse("ok", SluiceServer.Version, policy.AuthenticationRequired)))
        { Response = typeof(HealthResponse) },
        new("GET", "/api/v1/openapi.json", "getOpenApi", "This API's OpenAPI 3.1 document.", null,
            () => Results.Text(OpenApiDocument.Text, "application/json"))
        { Response = typeof(string) },
        new("GET", "/metrics", "getPrometheusMetrics",
            "Engine metrics of the deployments' jobs in the Prometheus text format, labelled by deployment, operator and subtask.", Role.Viewer,
            (PrometheusExporter exporter) => Results.Text(exporter.Scrape(), "text/plain; version=0.0.4; charset=utf-8"))
        { Response = typeof(string), ContentType = "text/plain" },
    ];
}
