using System.Globalization;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests;

/// <summary>The Prometheus exposition has the engine's series labelled by deployment, operator and subtask, and moves.</summary>
[Trait("Category", "Integration")]
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Prometheus_RunningDeployment_ExposesLabelledOperatorCountersThatGrow()
    {
        await using var harness = await ServerHarness.StartAsync();
        var created = await harness.SendOkAsync(HttpMethod.Post, "/api/v1/deployments",
            new { name = "metered", sql = Scripts.Unbounded(), parallelism = 2, checkpointInterval = "200 ms" });
        var id = (string)created["id"]!;
        await harness.WaitForPhaseAsync(id, "RUNNING");

        var first = await ServerHarness.WaitForAsync(() => ScrapeAsync(harness), t => SumRecordsOut(t) > 0, "records_out to be exposed");
        Assert.Contains("# TYPE sluice_operator_records_out_total counter", first, StringComparison.Ordinal);
        Assert.Contains("deployment=\"metered\"", first, StringComparison.Ordinal);
        Assert.Contains("subtask=\"1\"", first, StringComparison.Ordinal);
        Assert.Contains("sluice_server_deployments{phase=\"RUNNING\"} 1", first, StringComparison.Ordinal);
        await ServerHarness.WaitForAsync(() => ScrapeAsync(harness), t => SumRecordsOut(t) > SumRecordsOut(first), "records_out to grow");
        await ServerHarness.WaitForAsync(() => ScrapeAsync(harness), t => t.Contains("sluice_checkpoint_duration_milliseconds_count{deployment=\"metered\"}", StringComparison.Ordinal),
            "the checkpoint histogram");

        // Per operator in the API: both subtasks, rates and ratios within range.
        var metrics = await ServerHarness.WaitForAsync(() => harness.GetJsonAsync($"/api/v1/deployments/{id}/metrics"),
            m => m["operators"]!.AsArray().Any(o => (double)o!["recordsInPerSecond"]! > 0), "rates");
        foreach (var op in metrics["operators"]!.AsArray())
        {
            Assert.Equal(2, (int)op!["parallelism"]!);
            Assert.InRange((double)op["busyRatio"]!, 0, 1);
            Assert.InRange((double)op["backpressureRatio"]!, 0, 1);
        }

        // A suspended deployment's series are gone.
        await harness.SendOkAsync(HttpMethod.Patch, $"/api/v1/deployments/{id}", new { state = "SUSPENDED" });
        await harness.WaitForPhaseAsync(id, "SUSPENDED");
        var after = await ScrapeAsync(harness);
        Assert.DoesNotContain("sluice_operator_records_out_total{", after, StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(ServerHarness harness)
    {
        using var response = await harness.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static double SumRecordsOut(string text) =>
        text.Split('\n').Where(l => l.StartsWith("sluice_operator_records_out_total{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
