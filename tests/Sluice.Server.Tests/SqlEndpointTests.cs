using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests;

/// <summary>Validate (positioned errors), explain, preview (server-sent events, cancelled with the client) and the catalog.</summary>
[Trait("Category", "Integration")]
public sealed class SqlEndpointTests : IAsyncLifetime
{
    private ServerHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ServerHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Validate_ValidScript_HasNoErrors()
    {
        var result = await _harness.SendOkAsync(HttpMethod.Post, "/api/v1/sql/validate", new { sql = Scripts.Unbounded() });
        Assert.True((bool)result["valid"]!);
        Assert.Empty(result["errors"]!.AsArray());
    }

    [Theory]
    [InlineData("SELECT 1 FROM\n  WHERE x", 2, 3)]
    [InlineData("CREATE TABLE t (a INT) WITH ('connector' = 'blackhole');\nINSERT INTO t SELECT nope FROM t;", 2, 22)]
    public async Task Validate_InvalidScript_ReportsLineAndColumn(string sql, int line, int column)
    {
        var result = await _harness.SendOkAsync(HttpMethod.Post, "/api/v1/sql/validate", new { sql });
        Assert.False((bool)result["valid"]!);
        var error = result["errors"]!.AsArray().Single()!;
        Assert.Equal(line, (int)error["line"]!);
        Assert.Equal(column, (int)error["column"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
    }

    [Fact]
    public async Task Validate_UnknownConnectorOption_IsAnErrorAtItsStatement()
    {
        var sql = "CREATE TABLE s (a INT) WITH ('connector' = 'datagen', 'rows-per-secnd' = '5');\nCREATE TABLE t (a INT) WITH ('connector' = 'blackhole');\nINSERT INTO t SELECT a FROM s;";
        var result = await _harness.SendOkAsync(HttpMethod.Post, "/api/v1/sql/validate", new { sql });
        Assert.False((bool)result["valid"]!);
        Assert.Contains("rows-per-secnd", (string)result["errors"]![0]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_Insert_ShowsThePlan_AndInvalidScriptIsAProblemWithErrors()
    {
        var result = await _harness.SendOkAsync(HttpMethod.Post, "/api/v1/sql/explain", new { sql = Scripts.Unbounded() });
        var plan = (string)result["plan"]!;
        Assert.Contains("== Optimized Physical Plan ==", plan, StringComparison.Ordinal);
        Assert.Contains("events", plan, StringComparison.Ordinal);

        var (status, problem) = await _harness.SendAsync(HttpMethod.Post, "/api/v1/sql/explain", new { sql = "SELEC 1" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(1, (int)problem!["errors"]![0]!["line"]!);
    }

    [Fact]
    public async Task Preview_BoundedQuery_StreamsSchemaChangesAndEnd()
    {
        var sql = """
            CREATE TABLE n (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '5', 'fields.id.kind' = 'sequence',
              'fields.id.start' = '1', 'fields.id.end' = '5');
            SELECT id * 10 AS tens FROM n;
            """;
        var events = await ReadEventsAsync(sql, null, int.MaxValue);
        Assert.Equal("schema", events[0].Name);
        Assert.Equal("tens", (string?)events[0].Data["columns"]![0]!["name"]);
        var changes = events.Where(e => e.Name == "change").ToList();
        Assert.Equal([10L, 20, 30, 40, 50], changes.Select(c => (long)c.Data["values"]![0]!).Order());
        Assert.All(changes, c => Assert.Equal("+I", (string?)c.Data["kind"]));
        Assert.Equal("end", events[^1].Name);
        Assert.Equal(5, (int)events[^1].Data["rows"]!);
    }

    [Fact]
    public async Task Preview_Values_AreWrittenAsTheCliWritesJson()
    {
        var sql = """
            SET 'table.local-time-zone' = 'GMT+01:00';
            SELECT TIMESTAMP '2024-01-02 03:04:05.123456789' AS ts, CAST(1.5 AS DECIMAL(10, 2)) AS d, DATE '2024-01-02' AS dt,
                   TO_TIMESTAMP_LTZ(0, 3) AS ltz, ARRAY[1, 2] AS arr, CAST(NULL AS STRING) AS nothing;
            """;
        var events = await ReadEventsAsync(sql, null, int.MaxValue);
        var values = events.Single(e => e.Name == "change").Data["values"]!;
        Assert.Equal("2024-01-02 03:04:05.123456789", (string?)values[0]);
        Assert.Equal("1.50", (string?)values[1]);
        Assert.Equal("2024-01-02", (string?)values[2]);
        Assert.Equal("1970-01-01 01:00:00.000", (string?)values[3]);
        Assert.Equal([1L, 2L], values[4]!.AsArray().Select(v => (long)v!));
        Assert.Null(values[5]);
    }

    [Fact]
    public async Task Preview_UnboundedQuery_StopsAtTheLimit()
    {
        var sql = "CREATE TABLE e (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '100', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '100000000');\nSELECT id FROM e;";
        var events = await ReadEventsAsync(sql, 3, int.MaxValue);
        Assert.Equal(3, events.Count(e => e.Name == "change"));
        Assert.Equal("limit", (string?)events[^1].Data["reason"]);
    }

    [Fact]
    public async Task Preview_ClientGoesAway_CancelsTheJob()
    {
        var sql = "CREATE TABLE e (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '100', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '100000000');\nSELECT id FROM e;";
        var events = await ReadEventsAsync(sql, null, stopAfterChanges: 2);
        Assert.Equal(2, events.Count(e => e.Name == "change"));
        var workbench = (SqlTools.SqlWorkbench)_harness.Server.Services.GetService(typeof(SqlTools.SqlWorkbench))!;
        await ServerHarness.WaitForAsync(() => Task.FromResult(workbench.ActivePreviews), n => n == 0, "the preview job to be cancelled");
        var health = await _harness.GetJsonAsync("/api/v1/health");
        Assert.Equal("ok", (string?)health["status"]);
    }

    [Fact]
    public async Task Preview_Insert_IsRejected()
    {
        var (status, problem) = await _harness.SendAsync(HttpMethod.Post, "/api/v1/sql/preview", new { sql = Scripts.Unbounded() });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("SELECT", (string)problem!["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_ListsTheDeploymentsTables_WithColumns_AndWithoutOptions()
    {
        var created = await _harness.SendOkAsync(HttpMethod.Post, "/api/v1/deployments",
            new { name = "catalog", sql = Scripts.Unbounded("'connector' = 'filesystem', 'path' = '/tmp/x', 'format' = 'csv'"), state = "SUSPENDED" });
        var tables = await _harness.GetJsonAsync("/api/v1/catalog/tables");
        var events = tables.AsArray().Single(t => (string?)t!["name"] == "events")!;
        Assert.Equal((string?)created["id"], (string?)events["deploymentId"]);
        Assert.Equal("datagen", (string?)events["connector"]);
        Assert.Equal(["id", "name"], events["columns"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Equal("BIGINT", (string?)events["columns"]![0]!["type"]);
        Assert.DoesNotContain("/tmp/x", tables.ToJsonString(), StringComparison.Ordinal);

        var sink = await _harness.GetJsonAsync("/api/v1/catalog/tables/sink");
        Assert.Equal("filesystem", (string?)sink["connector"]);
        Assert.Equal(HttpStatusCode.NotFound, (await _harness.SendAsync(HttpMethod.Get, "/api/v1/catalog/tables/none")).Status);
    }

    [Fact]
    public async Task Connectors_ListTheRegistrysConnectorsAndFormats_WithOptions()
    {
        var connectors = await _harness.GetJsonAsync("/api/v1/catalog/connectors");
        var datagen = connectors.AsArray().Single(c => (string?)c!["name"] == "datagen")!;
        Assert.Equal("CONNECTOR", (string?)datagen["kind"]);
        Assert.True((bool)datagen["source"]!);
        Assert.False((bool)datagen["sink"]!);
        Assert.Contains(datagen["options"]!.AsArray(), o => (string?)o!["key"] == "rows-per-second" && (string?)o["default"] == "10000");
        Assert.Contains(connectors.AsArray(), c => (string?)c!["name"] == "csv" && (string?)c["kind"] == "FORMAT");
    }

    [Fact]
    public async Task Functions_ListTheBuiltInFunctions_WithSignatures()
    {
        var functions = await _harness.GetJsonAsync("/api/v1/catalog/functions");
        var names = functions.AsArray().Select(f => (string?)f!["name"]).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        var upper = functions.AsArray().Single(f => string.Equals((string?)f!["name"], "UPPER", StringComparison.OrdinalIgnoreCase))!;
        Assert.StartsWith("UPPER(", (string)upper["signatures"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(functions.AsArray(), f => string.Equals((string?)f!["name"], "COUNT", StringComparison.OrdinalIgnoreCase) && (string?)f["kind"] == "AGGREGATE");
    }

    private async Task<List<(string Name, JsonNode Data)>> ReadEventsAsync(string sql, int? maxRows, int stopAfterChanges)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/sql/preview", UriKind.Relative))
        {
            Content = JsonContent.Create(new { sql, maxRows }),
        };
        using var response = await _harness.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string, JsonNode)>();
        string? name = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((name!, JsonNode.Parse(line["data: ".Length..])!));
                if (events.Count(e => e.Item1 == "change") >= stopAfterChanges)
                {
                    break;
                }
            }
        }

        return events;
    }
}
