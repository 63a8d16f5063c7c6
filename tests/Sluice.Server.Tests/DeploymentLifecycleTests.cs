using System.Text.Json.Nodes;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests;

/// <summary>
/// The whole lifecycle of a deployment against the real Kestrel host: create RUNNING, metrics move, suspend with a
/// savepoint, resume from it, upgrade to another parallelism (stateful), restart the server in the middle, let the
/// bounded job finish, and check that the exactly-once file sink holds every sequence number exactly once; then
/// cancel and delete.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DeploymentLifecycleTests
{
    private const long Rows = 4000;

    [Fact]
    public async Task Lifecycle_SuspendResumeUpgradeRestart_EveryRowExactlyOnce()
    {
        await using var harness = await ServerHarness.StartAsync();
        var output = Path.Combine(harness.Root, "out");
        var created = await harness.SendOkAsync(HttpMethod.Post, "/api/v1/deployments", new
        {
            name = "numbers",
            sql = Scripts.SequenceToFiles(output, Rows, 200),
            parallelism = 2,
            checkpointInterval = "500 ms",
            restartStrategy = new { type = "NONE" },
        });
        var id = (string)created["id"]!;
        Assert.Equal("RUNNING", (string?)created["spec"]!["state"]);
        Assert.Equal(1, (long)created["status"]!["generation"]!);

        // Running, and its metrics move.
        await harness.WaitForPhaseAsync(id, "RUNNING");
        var first = await ServerHarness.WaitForAsync(() => harness.GetJsonAsync($"/api/v1/deployments/{id}/metrics"),
            m => SinkRecordsIn(m) > 0, "the sink to receive rows");
        await ServerHarness.WaitForAsync(() => harness.GetJsonAsync($"/api/v1/deployments/{id}/metrics"),
            m => SinkRecordsIn(m) > SinkRecordsIn(first) && m["operators"]!.AsArray().Any(o => (double)o!["recordsOutPerSecond"]! > 0),
            "the records and rates to grow");
        var graph = await harness.GetJsonAsync($"/api/v1/deployments/{id}/job");
        Assert.True((bool)graph["running"]!);
        Assert.All(graph["operators"]!.AsArray(), o => Assert.Equal(2, (int)o!["parallelism"]!));
        Assert.NotEmpty(graph["edges"]!.AsArray());

        // Suspend: the job stops with a savepoint, which becomes a resource.
        await harness.SendOkAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { state = "SUSPENDED" });
        var suspended = await harness.WaitForPhaseAsync(id, "SUSPENDED");
        var savepoints = await harness.GetJsonAsync($"/api/v1/deployments/{id}/savepoints");
        var suspendSavepoint = savepoints.AsArray().Single(s => (string?)s!["origin"] == "SUSPEND")!;
        Assert.Contains((string)suspendSavepoint["path"]!, (string?)suspended["status"]!["reason"], StringComparison.Ordinal);
        var committedAtSuspend = Scripts.CommittedValues(output);
        Assert.NotEmpty(committedAtSuspend);
        Assert.True(committedAtSuspend.Count < Rows, "the job must be suspended before its input ends");
        Assert.Equal(committedAtSuspend.Count, committedAtSuspend.Distinct().Count());

        // Resume: restores from that savepoint (LATEST_STATE: the savepoint is the newest state).
        await harness.SendOkAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { state = "RUNNING" });
        await harness.WaitForPhaseAsync(id, "RUNNING");
        var events = await harness.GetJsonAsync($"/api/v1/deployments/{id}/events");
        Assert.Contains(events.AsArray(), e => ((string)e!["message"]!).Contains("from " + (string)suspendSavepoint["path"]!, StringComparison.Ordinal));

        // Upgrade to parallelism 1: stateful (savepoint, then the new spec from it).
        await harness.SendOkAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { parallelism = 1 });
        await ServerHarness.WaitForAsync(() => harness.GetJsonAsync($"/api/v1/deployments/{id}/job"),
            g => (bool)g["running"]! && g["operators"]!.AsArray().All(o => (int)o!["parallelism"]! == 1), "the job to run at parallelism 1");
        savepoints = await harness.GetJsonAsync($"/api/v1/deployments/{id}/savepoints");
        Assert.Contains(savepoints.AsArray(), s => (string?)s!["origin"] == "UPGRADE");
        await harness.WaitForPhaseAsync(id, "RUNNING");

        // A checkpoint of the upgraded job, then the server restarts in the middle of the input.
        await ServerHarness.WaitForAsync(() => harness.GetJsonAsync($"/api/v1/deployments/{id}/metrics"),
            m => (long)m["checkpoints"]!["count"]! > 0, "a checkpoint of the upgraded job");
        Assert.True(Scripts.CommittedValues(output).Count < Rows, "the server must restart before the input ends");
        await harness.RestartAsync();

        // The deployment comes back by itself and finishes.
        var finished = await harness.WaitForPhaseAsync(id, "FINISHED", TimeSpan.FromSeconds(90));
        Assert.Equal(1, (int)finished["spec"]!["parallelism"]!);
        var values = Scripts.CommittedValues(output);
        var duplicates = values.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
        Assert.True(duplicates.Count == 0, "duplicates: " + string.Join(", ", duplicates));
        Assert.Equal(Enumerable.Range(1, (int)Rows).Select(i => (long)i), values.Order());

        // Cancel, then delete.
        var (status, _) = await harness.SendAsync(HttpMethod.Delete, $"/api/v1/deployments/{id}");
        Assert.Equal(System.Net.HttpStatusCode.Conflict, status);
        await harness.SendOkAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { state = "CANCELLED" });
        await harness.WaitForPhaseAsync(id, "CANCELLED");
        (status, _) = await harness.SendAsync(HttpMethod.Delete, $"/api/v1/deployments/{id}");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, status);
        (status, var problem) = await harness.SendAsync(HttpMethod.Get, $"/api/v1/deployments/{id}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, status);
        Assert.Equal(404, (int)problem!["status"]!);

        var history = string.Join("\n", harness.Log.Lines);
        Assert.Contains("STARTING -> RUNNING", history, StringComparison.Ordinal);
    }

    private static long SinkRecordsIn(JsonNode metrics) =>
        metrics["operators"]!.AsArray().Where(o => ((string)o!["name"]!).Contains("sink", StringComparison.OrdinalIgnoreCase)).Sum(o => (long)o!["recordsIn"]!);
}
