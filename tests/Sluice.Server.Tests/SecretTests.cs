using System.Net;
using System.Text;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests;

/// <summary>
/// Secrets are stored encrypted, resolved only when a job starts, and never appear in any response, event or log
/// line, also when a job fails on a secret's value.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SecretTests
{
    [Fact]
    public async Task Secrets_ResolveInJobs_AndNeverAppearInResponsesOrLogs()
    {
        await using var harness = await ServerHarness.StartAsync();
        var marker = "SECRET-" + Guid.NewGuid().ToString("N");
        var output = Path.Combine(harness.Root, marker);
        const string badRate = "fast-as-possible-SECRETRATE-7731";
        var responses = new StringBuilder();

        async Task<System.Text.Json.Nodes.JsonNode?> Call(HttpMethod method, string path, object? body = null)
        {
            var (status, json) = await harness.SendAsync(method, path, body);
            responses.Append((int)status).Append(' ').Append(json?.ToJsonString()).Append('\n');
            return json;
        }

        await Call(HttpMethod.Put, "/api/v1/secrets/outdir", new { value = output });
        await Call(HttpMethod.Put, "/api/v1/secrets/rate", new { value = "1000" });
        var script = $"""
            CREATE TABLE numbers (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '${"{"}secret:rate{"}"}', 'number-of-rows' = '50',
              'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '50');
            CREATE TABLE sink (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '${"{"}secret:outdir{"}"}', 'format' = 'csv');
            INSERT INTO sink SELECT id FROM numbers;
            """;
        Assert.Contains("${secret:outdir}", script, StringComparison.Ordinal);

        // Resolved when the job starts: the rows land in the secret directory.
        var created = await Call(HttpMethod.Post, "/api/v1/deployments", new { name = "with-secrets", sql = script, checkpointInterval = "200 ms" });
        var id = (string)created!["id"]!;
        Assert.Contains("${secret:outdir}", (string)created["spec"]!["sql"]!, StringComparison.Ordinal);
        await harness.WaitForPhaseAsync(id, "FINISHED");
        Assert.Equal(50, Scripts.CommittedValues(output).Count);

        // A job that fails on a secret's value: the failure is reported with the value redacted.
        await Call(HttpMethod.Put, "/api/v1/secrets/rate", new { value = badRate });
        await Call(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { restoreStrategy = "NONE" });
        var failed = await harness.WaitForPhaseAsync(id, "FAILED");
        Assert.Contains("******", (string)failed["status"]!["reason"]!, StringComparison.Ordinal);

        foreach (var path in new[]
        {
            "/api/v1/deployments", $"/api/v1/deployments/{id}", $"/api/v1/deployments/{id}/events", $"/api/v1/deployments/{id}/savepoints",
            $"/api/v1/deployments/{id}/job", $"/api/v1/deployments/{id}/metrics", "/api/v1/catalog/tables", "/api/v1/secrets", "/metrics",
        })
        {
            await Call(HttpMethod.Get, path);
        }

        var validated = await Call(HttpMethod.Post, "/api/v1/sql/validate", new { sql = script });
        Assert.False((bool)validated!["valid"]!);
        Assert.Contains("******", validated.ToJsonString(), StringComparison.Ordinal);
        await Call(HttpMethod.Post, "/api/v1/sql/explain", new { sql = script.Replace("${secret:rate}", "10", StringComparison.Ordinal) });
        await Call(HttpMethod.Post, "/api/v1/deployments", new { name = "rejected", sql = script });

        var events = await harness.GetJsonAsync($"/api/v1/deployments/{id}/events");
        Assert.Contains(events.AsArray(), e => (string?)e!["kind"] == "FAILURE" && e["exception"] is not null);

        var all = responses.ToString();
        Assert.Contains("with-secrets", all, StringComparison.Ordinal);
        foreach (var secret in new[] { output, marker, badRate })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
            Assert.DoesNotContain(harness.Log.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        }

        // Encrypted at rest, with a key file only its owner can read.
        var database = await File.ReadAllBytesAsync(Path.Combine(harness.DataDirectory, "sluice.db"));
        var wal = Path.Combine(harness.DataDirectory, "sluice.db-wal");
        var stored = Encoding.UTF8.GetString(database) + (File.Exists(wal) ? Encoding.UTF8.GetString(await File.ReadAllBytesAsync(wal)) : "");
        Assert.DoesNotContain(marker, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(badRate, stored, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(harness.DataDirectory, "secret.key")));
        }
    }

    [Fact]
    public async Task MissingSecret_RejectsTheDeployment_NamingTheSecret()
    {
        await using var harness = await ServerHarness.StartAsync();
        var (status, problem) = await harness.SendAsync(HttpMethod.Post, "/api/v1/deployments",
            new { name = "missing", sql = Scripts.Unbounded("'connector' = 'filesystem', 'path' = '${secret:nowhere}', 'format' = 'csv'") });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'nowhere'", (string)problem!["detail"]!, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", await ContentTypeAsync(harness, "/api/v1/deployments/none"));
    }

    [Fact]
    public async Task SecretValues_SurviveARestart_WithTheSameKeyFile()
    {
        await using var harness = await ServerHarness.StartAsync();
        var output = Path.Combine(harness.Root, "restart-" + Guid.NewGuid().ToString("N"));
        await harness.SendOkAsync(HttpMethod.Put, "/api/v1/secrets/dir", new { value = output });
        await harness.RestartAsync();
        var names = await harness.GetJsonAsync("/api/v1/secrets");
        Assert.Equal("dir", (string?)names.AsArray().Single()!["name"]);
        var created = await harness.SendOkAsync(HttpMethod.Post, "/api/v1/deployments",
            new { name = "after-restart", sql = Scripts.SequenceToFiles("${secret:dir}", 20, 1000), checkpointInterval = "200 ms" });
        await harness.WaitForPhaseAsync((string)created["id"]!, "FINISHED");
        Assert.Equal(20, Scripts.CommittedValues(output).Count);
    }

    private static async Task<string?> ContentTypeAsync(ServerHarness harness, string path)
    {
        using var response = await harness.Http.GetAsync(new Uri(path, UriKind.Relative));
        return response.Content.Headers.ContentType?.MediaType;
    }
}
