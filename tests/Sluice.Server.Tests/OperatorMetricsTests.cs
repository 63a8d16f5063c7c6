using System.Globalization;
using System.Text.Json.Nodes;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests;

/// <summary>
/// Operators chained into one task report their own records in and out: a filter that drops every other row emits
/// about half of what it receives, both in the API and in the Prometheus series labelled by operator; each operator
/// reports the watermark it emitted.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OperatorMetricsTests
{
    private const string Script = """
        CREATE TABLE events (id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (
          'connector' = 'datagen', 'rows-per-second' = '400', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '1000000000');
        CREATE TABLE sink (id BIGINT) WITH ('connector' = 'blackhole');
        INSERT INTO sink SELECT id FROM events WHERE MOD(id, 2) = 0;
        """;

    [Fact]
    public async Task Metrics_ChainedFilter_ReportsRecordsPerOperator()
    {
        await using var harness = await ServerHarness.StartAsync();
        var id = (string)(await harness.SendOkAsync(HttpMethod.Post, "/api/v1/deployments", new { name = "chained", sql = Script }))["id"]!;
        await harness.WaitForPhaseAsync(id, "RUNNING");
        var graph = await harness.GetJsonAsync($"/api/v1/deployments/{id}/job");
        var operators = graph["operators"]!.AsArray().Select(o => (string)o!["id"]!).ToList();
        var source = (string)graph["operators"]!.AsArray().Single(o => (bool)o!["isSource"]!)!["id"]!;
        var sink = operators.Single(o => !graph["edges"]!.AsArray().Any(e => (string?)e!["source"] == o));
        Assert.True(operators.Count >= 3, graph.ToJsonString());

        var metrics = await ServerHarness.WaitForAsync(() => harness.GetJsonAsync($"/api/v1/deployments/{id}/metrics"),
            m => Records(m, sink, "recordsIn") >= 200, "the sink to receive rows");
        var sourceOut = Records(metrics, source, "recordsOut");
        var sinkIn = Records(metrics, sink, "recordsIn");
        Assert.True(sinkIn * 2 <= sourceOut + 2, $"the filter halves the rows: {metrics.ToJsonString()}");
        Assert.True(sinkIn * 2 >= sourceOut / 2, $"the sink gets the even rows: {metrics.ToJsonString()}");
        Assert.Equal(0, Records(metrics, source, "recordsIn"));
        Assert.Equal(0, Records(metrics, sink, "recordsOut"));
        metrics = await ServerHarness.WaitForAsync(() => harness.GetJsonAsync($"/api/v1/deployments/{id}/metrics"),
            m => m["operators"]!.AsArray().Single(o => (string?)o!["id"] == source)!["watermark"] is not null, "the source's watermark");

        var text = await ServerHarness.WaitForAsync(() => ScrapeAsync(harness), t => Series(t, "sluice_operator_records_in_total", sink) >= 200,
            "the sink's series");
        Assert.True(Series(text, "sluice_operator_records_out_total", source) > 0, text);
        Assert.Contains("# TYPE sluice_operator_watermark_milliseconds gauge", text, StringComparison.Ordinal);
        Assert.True(Series(text, "sluice_operator_records_in_total", sink) * 2 <= Series(text, "sluice_operator_records_out_total", source) + 2,
            "the series are per operator: " + text);
    }

    private static long Records(JsonNode metrics, string operatorId, string field) =>
        (long)metrics["operators"]!.AsArray().Single(o => (string?)o!["id"] == operatorId)![field]!;

    private static async Task<string> ScrapeAsync(ServerHarness harness)
    {
        using var response = await harness.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum over subtasks of a family's series whose <c>operator</c> label is <paramref name="operatorId"/>.</summary>
    private static double Series(string text, string family, string operatorId) =>
        text.Split('\n').Where(l => l.StartsWith(family + "{", StringComparison.Ordinal)
                && l.Contains($"operator=\"{operatorId}\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
