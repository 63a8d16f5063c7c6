using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests;

/// <summary>A restarted server brings each deployment back to its desired state: running ones from their latest checkpoint, others stay.</summary>
[Trait("Category", "Integration")]
public sealed class ServerRestartTests
{
    [Fact]
    public async Task Restart_RunningResumeFromTheirLatestCheckpoint_SuspendedStaySuspended()
    {
        await using var harness = await ServerHarness.StartAsync();
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
        var other = await harness.GetJsonAsync($"/api/v1/deployments/{suspended}");
        Assert.Equal("SUSPENDED", (string?)other["status"]!["phase"]);
        var graph = await harness.GetJsonAsync($"/api/v1/deployments/{suspended}/job");
        Assert.False((bool)graph["running"]!);
        Assert.NotEmpty(graph["operators"]!.AsArray());
    }
}
