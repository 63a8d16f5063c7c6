using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests;

/// <summary>
/// A restarted server brings each deployment back to its desired state: a stopping server takes a savepoint of each
/// running job and the restart resumes from it (or from the latest checkpoint when there is none); others stay.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ServerRestartTests
{
    [Fact]
    public async Task Restart_WithoutShutdownSavepoints_RunningResumeFromTheirLatestCheckpoint_SuspendedStaySuspended()
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { ShutdownSavepointTimeout = TimeSpan.Zero });
        var running = (string)(await harness.SendOkAsync(HttpMethod.Post, "/api/v1/deployments",
            new { name = "running", sql = Scripts.Unbounded(), checkpointInterval = "200 ms" }))["id"]!;
        var suspended = (string)(await harness.SendOkAsync(HttpMethod.Post, "/api/v1/deployments",
            new { name = "suspended", sql = Scripts.Unbounded(), state = "SUSPENDED" }))["id"]!;
        await harness.WaitForPhaseAsync(running, "RUNNING");
        await harness.WaitForPhaseAsync(suspended, "SUSPENDED");
        await ServerHarness.WaitForAsync(() => harness.GetJsonAsync($"/api/v1/deployments/{running}/metrics"),
            m => (long)m["checkpoints"]!["count"]! > 0, "a checkpoint");

        await harness.RestartAsync();

        await ServerHarness.WaitForAsync(() => harness.GetJsonAsync($"/api/v1/deployments/{running}/events"),
            e => e.AsArray().Any(x => ((string)x!["message"]!).Contains("Starting the job from ", StringComparison.Ordinal)
                && ((string)x["message"]!).Contains("chk-", StringComparison.Ordinal)),
            "a start from a checkpoint");
        await harness.WaitForPhaseAsync(running, "RUNNING");
        Assert.Empty((await harness.GetJsonAsync($"/api/v1/deployments/{running}/savepoints")).AsArray());
        var other = await harness.GetJsonAsync($"/api/v1/deployments/{suspended}");
        Assert.Equal("SUSPENDED", (string?)other["status"]!["phase"]);
        var graph = await harness.GetJsonAsync($"/api/v1/deployments/{suspended}/job");
        Assert.False((bool)graph["running"]!);
        Assert.NotEmpty(graph["operators"]!.AsArray());
    }

    [Fact]
    public async Task Shutdown_TakesASavepoint_AndTheRestartResumesFromIt_EveryRowExactlyOnce()
    {
        const long rows = 2000;
        await using var harness = await ServerHarness.StartAsync();
        var output = Path.Combine(harness.Root, "out");

        // No periodic checkpoint before the shutdown: the shutdown savepoint is the only state there is.
        var id = (string)(await harness.SendOkAsync(HttpMethod.Post, "/api/v1/deployments", new
        {
            name = "shutdown", sql = Scripts.SequenceToFiles(output, rows, 200), checkpointInterval = "10 min", restartStrategy = new { type = "NONE" },
        }))["id"]!;
        await harness.WaitForPhaseAsync(id, "RUNNING");
        await ServerHarness.WaitForAsync(() => harness.GetJsonAsync($"/api/v1/deployments/{id}/metrics"),
            m => m["operators"]!.AsArray().Any(o => (bool?)o!["name"]?.ToString().Contains("sink", StringComparison.OrdinalIgnoreCase) == true
                && (long)o["recordsIn"]! > 0), "rows to reach the sink");

        await harness.Server.StopAsync();

        // The savepoint committed the sink's output up to it, in the middle of the input.
        var committed = Scripts.CommittedValues(output);
        Assert.NotEmpty(committed);
        Assert.True(committed.Count < rows, "the server must stop before the input ends");

        await harness.StartServerAsync();
        var savepoint = (await harness.GetJsonAsync($"/api/v1/deployments/{id}/savepoints")).AsArray().Single()!;
        Assert.Equal("SHUTDOWN", (string?)savepoint["origin"]);
        await harness.WaitForPhaseAsync(id, "FINISHED", TimeSpan.FromSeconds(90));
        var events = await harness.GetJsonAsync($"/api/v1/deployments/{id}/events");
        Assert.Contains(events.AsArray(), e => ((string)e!["message"]!).Contains("Starting the job from " + (string)savepoint["path"]!, StringComparison.Ordinal));
        var values = Scripts.CommittedValues(output);
        var duplicates = values.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
        Assert.True(duplicates.Count == 0, "duplicates: " + string.Join(", ", duplicates));
        Assert.Equal(Enumerable.Range(1, (int)rows).Select(i => (long)i), values.Order());
    }
}
