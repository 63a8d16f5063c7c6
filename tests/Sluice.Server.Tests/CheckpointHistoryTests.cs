using System.Text.Json.Nodes;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests;

/// <summary>
/// GET /deployments/{id}/checkpoints lists the deployment's checkpoints and savepoints (id, kind, status, trigger time,
/// duration, size), newest first, and the history is kept in the metadata store across a server restart.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CheckpointHistoryTests
{
    [Fact]
    public async Task Checkpoints_RunningDeployment_ListsCheckpointsAndSavepoints_AndSurviveARestart()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (string)(await harness.SendOkAsync(HttpMethod.Post, "/api/v1/deployments",
            new { name = "history", sql = Scripts.Unbounded(), checkpointInterval = "200 ms" }))["id"]!;
        await harness.WaitForPhaseAsync(id, "RUNNING");
        await ServerHarness.WaitForAsync(() => harness.GetJsonAsync($"/api/v1/deployments/{id}/checkpoints"),
            h => h.AsArray().Count(c => (string?)c!["kind"] == "CHECKPOINT" && (string?)c["status"] == "COMPLETED") >= 2, "two completed checkpoints");

        var savepoint = await harness.SendOkAsync(HttpMethod.Post, $"/api/v1/deployments/{id}/savepoints");
        var savepointId = (long)savepoint["checkpointId"]!;
        var history = (await ServerHarness.WaitForAsync(() => harness.GetJsonAsync($"/api/v1/deployments/{id}/checkpoints"),
            h => h.AsArray().Any(c => (long)c!["id"]! == savepointId), "the savepoint in the history")).AsArray();

        var entry = history.Single(c => (long)c!["id"]! == savepointId)!;
        Assert.Equal("SAVEPOINT", (string?)entry["kind"]);
        Assert.Equal("COMPLETED", (string?)entry["status"]);
        Assert.True((long)entry["sizeBytes"]! > 0, "the source's positions are state: " + entry.ToJsonString());
        Assert.True((double)entry["durationMillis"]! >= 0);
        Assert.Null((string?)entry["failure"]);
        var ids = history.Select(c => (long)c!["id"]!).ToList();
        Assert.Equal(ids.OrderDescending(), ids); // newest first
        var triggered = history.Select(c => (DateTimeOffset)c!["triggeredAt"]!).ToList();
        Assert.Equal(triggered.OrderDescending(), triggered);
        Assert.All(history, c => Assert.True((DateTimeOffset)c!["triggeredAt"]! <= DateTimeOffset.UtcNow.AddSeconds(1)));

        await harness.RestartAsync();

        // Every entry is still there after the restart, with the shutdown savepoint, and the resumed job adds more
        // (its checkpoint ids continue after the savepoint's).
        var shutdown = (await harness.GetJsonAsync($"/api/v1/deployments/{id}/savepoints")).AsArray().Single(s => (string?)s!["origin"] == "SHUTDOWN")!;
        var shutdownId = (long)shutdown["checkpointId"]!;
        var after = (await ServerHarness.WaitForAsync(() => harness.GetJsonAsync($"/api/v1/deployments/{id}/checkpoints"),
            h => h.AsArray().Any(c => (long)c!["id"]! > shutdownId && (string?)c["status"] == "COMPLETED"), "checkpoints of the resumed job")).AsArray();
        var idsAfter = after.Select(c => (long)c!["id"]!).ToList();
        Assert.Superset(ids.ToHashSet(), idsAfter.ToHashSet());
        Assert.Contains(after, c => (long)c!["id"]! == shutdownId && (string?)c["kind"] == "SAVEPOINT" && (string?)c["status"] == "COMPLETED");
    }

    [Fact]
    public async Task Checkpoints_ThatFail_AreListedAsFailed_WithTheReason()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (string)(await harness.SendOkAsync(HttpMethod.Post, "/api/v1/deployments",
            new { name = "broken-storage", sql = Scripts.Unbounded(), checkpointInterval = "200 ms", restartStrategy = new { type = "NONE" } }))["id"]!;
        await ServerHarness.WaitForAsync(() => harness.GetJsonAsync($"/api/v1/deployments/{id}/checkpoints"),
            h => h.AsArray().Any(c => (string?)c!["status"] == "COMPLETED"), "a completed checkpoint");

        // The deployment's checkpoint folder becomes a file: the next checkpoint cannot be written.
        var folder = Path.Combine(harness.DataDirectory, "checkpoints", id);
        await ServerHarness.WaitForAsync(() => Task.FromResult(TryReplaceWithFile(folder)), replaced => replaced, "the checkpoint folder to be replaced");

        var history = await ServerHarness.WaitForAsync(() => harness.GetJsonAsync($"/api/v1/deployments/{id}/checkpoints"),
            h => h.AsArray().Any(c => (string?)c!["status"] == "FAILED"), "a failed checkpoint");
        var failed = history.AsArray().First(c => (string?)c!["status"] == "FAILED")!;
        Assert.Equal("CHECKPOINT", (string?)failed["kind"]);
        Assert.Equal(0, (long)failed["sizeBytes"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)failed["failure"]), failed.ToJsonString());
        Assert.True((long)failed["id"]! > history.AsArray().Where(c => (string?)c!["status"] == "COMPLETED").Max(c => (long)c!["id"]!));
    }

    private static bool TryReplaceWithFile(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
            File.WriteAllText(folder, "not a folder");
            return true;
        }
        catch (IOException)
        {
            return false; // a checkpoint was being written meanwhile; try again
        }
    }

    [Fact]
    public async Task Checkpoints_UnknownDeployment_NotFound()
    {
        await using var harness = await ServerHarness.StartAsync();
        var (status, problem) = await harness.SendAsync(HttpMethod.Get, "/api/v1/deployments/nope/checkpoints");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, status);
        Assert.Equal(404, (int)problem!["status"]!);
    }
}
