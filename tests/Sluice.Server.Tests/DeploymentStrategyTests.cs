using System.Text.Json.Nodes;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests;

/// <summary>Savepoints on request, the upgrade strategies STATELESS and NONE, the restore strategies, and failures.</summary>
[Trait("Category", "Integration")]
public sealed class DeploymentStrategyTests : IAsyncLifetime
{
    private ServerHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ServerHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Savepoint_OnRequest_IsAResourceOfOriginUserRequest()
    {
        var id = await CreateRunningAsync("on-request", new { });
        var savepoint = await _harness.SendOkAsync(HttpMethod.Post, $"/api/v1/deployments/{id}/savepoints");
        Assert.Equal("USER_REQUEST", (string?)savepoint["origin"]);
        Assert.True(File.Exists(Path.Combine((string)savepoint["path"]!, "_metadata")));
        var listed = await _harness.GetJsonAsync($"/api/v1/deployments/{id}/savepoints");
        Assert.Equal((string?)savepoint["id"], (string?)listed[0]!["id"]);
        var events = await _harness.GetJsonAsync($"/api/v1/deployments/{id}/events");
        Assert.Contains(events.AsArray(), e => (string?)e!["kind"] == "SAVEPOINT");

        await _harness.SendOkAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { state = "SUSPENDED" });
        await _harness.WaitForPhaseAsync(id, "SUSPENDED");
        var (status, _) = await _harness.SendAsync(HttpMethod.Post, $"/api/v1/deployments/{id}/savepoints");
        Assert.Equal(System.Net.HttpStatusCode.Conflict, status);
    }

    [Fact]
    public async Task Upgrade_StatefulScriptChange_RestartsFromAnUpgradeSavepoint_AndAnInvalidScriptIsRejected()
    {
        var id = await CreateRunningAsync("upgrade-script", new { });
        var (status, problem) = await _harness.SendAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { sql = "INSERT INTO sink SELECT nope FROM events" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem!["errors"]);
        var unchanged = await _harness.GetJsonAsync($"/api/v1/deployments/{id}");
        Assert.Equal(1, (long)unchanged["status"]!["generation"]!);

        var changed = Scripts.Unbounded().Replace("WHERE id > 0", "WHERE id > 10", StringComparison.Ordinal);
        var patched = await _harness.SendOkAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { sql = changed });
        Assert.Equal(2, (long)patched["status"]!["generation"]!);
        var savepoint = await ServerHarness.WaitForAsync(() => _harness.GetJsonAsync($"/api/v1/deployments/{id}/savepoints"),
            s => s.AsArray().Any(x => (string?)x!["origin"] == "UPGRADE"), "the upgrade savepoint");
        var path = (string)savepoint.AsArray().First(x => (string?)x!["origin"] == "UPGRADE")!["path"]!;
        await ServerHarness.WaitForAsync(() => _harness.GetJsonAsync($"/api/v1/deployments/{id}"),
            d => (string?)d["status"]!["phase"] == "RUNNING" && (long)d["status"]!["reconciledGeneration"]! == 2, "the upgraded job to run");
        var events = await _harness.GetJsonAsync($"/api/v1/deployments/{id}/events");
        Assert.Contains(events.AsArray(), e => ((string)e!["message"]!).Contains("from " + path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upgrade_None_KeepsTheRunningJob()
    {
        var id = await CreateRunningAsync("upgrade-none", new { upgradeStrategy = "NONE" });
        await _harness.SendOkAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { parallelism = 2 });
        var deployment = await ServerHarness.WaitForAsync(() => _harness.GetJsonAsync($"/api/v1/deployments/{id}"),
            d => ((string?)d["status"]!["reason"])?.Contains("NONE", StringComparison.Ordinal) == true, "the deferred upgrade to be reported");
        Assert.Equal("RUNNING", (string?)deployment["status"]!["phase"]);
        var graph = await _harness.GetJsonAsync($"/api/v1/deployments/{id}/job");
        Assert.All(graph["operators"]!.AsArray(), o => Assert.Equal(1, (int)o!["parallelism"]!));
        Assert.Empty((await _harness.GetJsonAsync($"/api/v1/deployments/{id}/savepoints")).AsArray());

        // The change applies at the next start.
        await _harness.SendOkAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { state = "SUSPENDED" });
        await _harness.WaitForPhaseAsync(id, "SUSPENDED");
        await _harness.SendOkAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { state = "RUNNING" });
        await ServerHarness.WaitForAsync(() => _harness.GetJsonAsync($"/api/v1/deployments/{id}/job"),
            g => (bool)g["running"]! && g["operators"]!.AsArray().All(o => (int)o!["parallelism"]! == 2), "parallelism 2 after the restart");
    }

    [Fact]
    public async Task Upgrade_Stateless_RestartsWithoutState()
    {
        var id = await CreateRunningAsync("upgrade-stateless", new { upgradeStrategy = "STATELESS" });
        await _harness.SendOkAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { parallelism = 2 });
        await ServerHarness.WaitForAsync(() => _harness.GetJsonAsync($"/api/v1/deployments/{id}/job"),
            g => (bool)g["running"]! && g["operators"]!.AsArray().All(o => (int)o!["parallelism"]! == 2), "parallelism 2");
        Assert.Empty((await _harness.GetJsonAsync($"/api/v1/deployments/{id}/savepoints")).AsArray());
        var events = await _harness.GetJsonAsync($"/api/v1/deployments/{id}/events");
        Assert.Contains(events.AsArray(), e => ((string)e!["message"]!).Contains("STATELESS", StringComparison.Ordinal));
        Assert.Contains(events.AsArray(), e => ((string)e!["message"]!).Contains("without state", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("NONE")]
    [InlineData("LATEST_SAVEPOINT")]
    public async Task Resume_FollowsTheRestoreStrategy(string strategy)
    {
        var id = await CreateRunningAsync("restore-" + strategy.ToLowerInvariant(), new { restoreStrategy = strategy });
        var userSavepoint = await _harness.SendOkAsync(HttpMethod.Post, $"/api/v1/deployments/{id}/savepoints");
        await _harness.SendOkAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { state = "SUSPENDED" });
        await _harness.WaitForPhaseAsync(id, "SUSPENDED");
        var savepoints = await _harness.GetJsonAsync($"/api/v1/deployments/{id}/savepoints");
        var newest = (string)savepoints[0]!["path"]!;
        Assert.NotEqual((string?)userSavepoint["path"], newest);

        await _harness.SendOkAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { state = "RUNNING" });
        await _harness.WaitForPhaseAsync(id, "RUNNING");
        var events = await _harness.GetJsonAsync($"/api/v1/deployments/{id}/events");
        var start = events.AsArray().Last(e => ((string)e!["message"]!).Contains("-> STARTING", StringComparison.Ordinal))!;
        Assert.Contains(strategy == "NONE" ? "without state" : "from " + newest, (string)start["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingJob_EndsFailed_WithTheExceptionAsAnEvent()
    {
        var input = Path.Combine(_harness.Root, "bad-input");
        Directory.CreateDirectory(input);
        await File.WriteAllTextAsync(Path.Combine(input, "data.csv"), "1\n2\nnot-a-number\n");
        var sql = $"""
            CREATE TABLE src (id BIGINT) WITH ('connector' = 'filesystem', 'path' = '{input}', 'format' = 'csv');
            CREATE TABLE sink (id BIGINT) WITH ('connector' = 'blackhole');
            INSERT INTO sink SELECT id FROM src;
            """;
        var created = await _harness.SendOkAsync(HttpMethod.Post, "/api/v1/deployments",
            new { name = "failing", sql, restartStrategy = new { type = "FIXED_DELAY", attempts = 1, delay = "100 ms" } });
        var id = (string)created["id"]!;
        var failed = await _harness.WaitForPhaseAsync(id, "FAILED");
        Assert.Contains("not-a-number", (string)failed["status"]!["reason"]!, StringComparison.Ordinal);
        Assert.Equal(1, (int)failed["status"]!["restarts"]!);
        var events = await _harness.GetJsonAsync($"/api/v1/deployments/{id}/events");
        var failure = events.AsArray().Single(e => (string?)e!["kind"] == "FAILURE")!;
        Assert.Contains("Exception", (string)failure["exception"]!, StringComparison.Ordinal);

        // FAILED stays until the spec changes; then the job starts again.
        await File.WriteAllTextAsync(Path.Combine(input, "data.csv"), "1\n2\n3\n");
        await _harness.SendOkAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { restoreStrategy = "NONE" });
        await _harness.WaitForPhaseAsync(id, "FINISHED");
    }

    [Fact]
    public async Task Upgrade_DroppingAStatefulOperator_FailsWithAClearEvent_UntilNonRestoredStateIsAllowed()
    {
        var id = await CreateRunningAsync("non-restored", new
        {
            sql = """
                CREATE TABLE events (id BIGINT, name STRING) WITH ('connector' = 'datagen', 'rows-per-second' = '200', 'fields.name.length' = '1');
                CREATE TABLE counts (name STRING, n BIGINT) WITH ('connector' = 'blackhole');
                INSERT INTO counts SELECT name, COUNT(*) FROM events GROUP BY name;
                """,
        });
        await ServerHarness.WaitForAsync(() => _harness.GetJsonAsync($"/api/v1/deployments/{id}/metrics"),
            m => (long)m["checkpoints"]!["count"]! > 0, "a checkpoint with the aggregation's state");

        // The new script has no aggregation: its state cannot be restored, so the start fails and says why.
        await _harness.SendOkAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { sql = Scripts.Unbounded() });
        var failed = await _harness.WaitForPhaseAsync(id, "FAILED");
        Assert.Contains("allowNonRestoredState", (string)failed["status"]!["reason"]!, StringComparison.Ordinal);
        var events = await _harness.GetJsonAsync($"/api/v1/deployments/{id}/events");
        var failure = events.AsArray().Last(e => (string?)e!["kind"] == "FAILURE")!;
        Assert.Contains("could not restore its state", (string)failure["message"]!, StringComparison.Ordinal);
        Assert.Contains("Aggregate", (string)failure["message"]!, StringComparison.OrdinalIgnoreCase);
        var upgrade = (await _harness.GetJsonAsync($"/api/v1/deployments/{id}/savepoints")).AsArray().Single(s => (string?)s!["origin"] == "UPGRADE")!;

        // Allowing non-restored state starts the new script from the upgrade savepoint, without the dropped state.
        var patched = await _harness.SendOkAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { allowNonRestoredState = true });
        Assert.True((bool)patched["spec"]!["allowNonRestoredState"]!);
        await _harness.WaitForPhaseAsync(id, "RUNNING");
        events = await _harness.GetJsonAsync($"/api/v1/deployments/{id}/events");
        Assert.Contains(events.AsArray(), e => ((string)e!["message"]!).Contains("from " + (string)upgrade["path"]!, StringComparison.Ordinal)
            && (long)e["id"]! > (long)failure["id"]!);
    }

    private async Task<string> CreateRunningAsync(string name, object overrides)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(overrides))!.AsObject();
        body["name"] = name;
        body["sql"] ??= Scripts.Unbounded();
        body["checkpointInterval"] = "200 ms";
        var created = await _harness.SendOkAsync(HttpMethod.Post, "/api/v1/deployments", body);
        var id = (string)created["id"]!;
        await _harness.WaitForPhaseAsync(id, "RUNNING");
        return id;
    }
}
