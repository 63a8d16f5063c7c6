using Sluice.Server.Contracts;
using Sluice.Server.Hosting;
using Sluice.Server.OpenApi;
using Sluice.Server.SqlTools;

namespace Sluice.Server.Endpoints;

/// <summary>SQL without deployments: validate, explain, preview; and the catalog of the deployments' tables.</summary>
internal static class SqlEndpoints
{
    /// <summary>The operations.</summary>
    public static IEnumerable<ApiOperation> Operations() =>
    [
        new("POST", "/api/v1/sql/validate", "validateSql", "Validates a script; errors carry their line and column.", Role.Viewer,
            (SqlRequest body, SqlWorkbench sql) => Results.Ok(sql.Validate(Require(body))))
        { Request = typeof(SqlRequest), Response = typeof(ValidateResponse) },
        new("POST", "/api/v1/sql/explain", "explainSql", "The plans of a script's queries and inserts.", Role.Viewer,
            (SqlRequest body, SqlWorkbench sql) => Results.Ok(sql.Explain(Require(body))))
        { Request = typeof(SqlRequest), Response = typeof(ExplainResponse) },
        new("POST", "/api/v1/sql/preview", "previewSql",
            "Runs the script's SELECT and streams its changes as server-sent events (schema, change..., end or error); cancelled when the client goes away.",
            Role.Editor, async (SqlRequest body, SqlWorkbench sql, HttpContext context) =>
            {
                await sql.PreviewAsync(context, Require(body), body.MaxRows).ConfigureAwait(false);
                return Results.Empty;
            })
        { Request = typeof(SqlRequest), ContentType = "text/event-stream", Response = typeof(string) },
        new("GET", "/api/v1/catalog/tables", "listTables", "The tables and views the deployments' scripts declare, with their columns.", Role.Viewer,
            (string? deployment, SqlWorkbench sql) => Results.Ok(sql.Tables().Where(t => deployment is null || t.DeploymentId == deployment).ToList()))
        { Response = typeof(IReadOnlyList<TableResponse>), Query = [("deployment", "string", "Only the tables of this deployment.")] },
        new("GET", "/api/v1/catalog/connectors", "listConnectors", "The connectors and formats scripts can use, with every option they accept.", Role.Viewer,
            (SqlWorkbench sql) => Results.Ok(sql.Connectors()))
        { Response = typeof(IReadOnlyList<ConnectorResponse>) },
        new("GET", "/api/v1/catalog/functions", "listFunctions", "The SQL functions scripts can call, with their signatures.", Role.Viewer,
            (SqlWorkbench sql) => Results.Ok(sql.Functions()))
        { Response = typeof(IReadOnlyList<FunctionResponse>) },
        new("GET", "/api/v1/catalog/tables/{name}", "getTable", "A table's columns (the first deployment declaring it, or the one named by ?deployment=).",
            Role.Viewer, (string name, string? deployment, SqlWorkbench sql) =>
                Results.Ok(sql.Tables().FirstOrDefault(t => t.Name == name && (deployment is null || t.DeploymentId == deployment))
                    ?? throw ApiException.NotFound($"No deployment declares a table '{name}'.")))
        { Response = typeof(TableResponse), Query = [("deployment", "string", "The deployment whose table to show.")] },
    ];

    private static string Require(SqlRequest body) =>
        string.IsNullOrWhiteSpace(body.Sql) ? throw ApiException.BadRequest("'sql' is required.") : body.Sql;
}
