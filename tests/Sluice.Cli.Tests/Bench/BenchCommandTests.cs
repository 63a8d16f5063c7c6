using System.Text.Json;

namespace Sluice.Cli.Tests.Bench;

public class BenchCommandTests
{
    private static readonly string Here = Path.GetTempPath();

    private static readonly string[] Fields = ["query", "events", "seconds", "cores", "eventsPerSecond", "eventsPerSecondPerCore", "peakMemoryBytes"];

    [Fact]
    public async Task BenchNexmark_Json_PrintsOneObjectPerQueryWithTheRequestedEvents()
    {
        var run = await CliRun.RunAsync(Here, null, "bench", "nexmark", "--queries", "q0,q1", "--events", "20000", "--runs", "1", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        var queries = new List<string>();
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Assert.Equal(Fields, root.EnumerateObject().Select(p => p.Name));
            queries.Add(root.GetProperty("query").GetString()!);
            Assert.Equal(20_000, root.GetProperty("events").GetInt64());
            Assert.True(root.GetProperty("seconds").GetDouble() > 0);
            Assert.True(root.GetProperty("eventsPerSecond").GetDouble() > 0);
            Assert.True(root.GetProperty("peakMemoryBytes").GetInt64() > 0);
            var expected = root.GetProperty("events").GetInt64() / root.GetProperty("seconds").GetDouble();
            Assert.InRange(root.GetProperty("eventsPerSecond").GetDouble(), expected * 0.99, expected * 1.01);
        }

        Assert.Equal(["q0", "q1"], queries);
    }

    [Fact]
    public async Task BenchNexmark_JsonWithBaselines_AddsBaselineLinesNamingThem()
    {
        var run = await CliRun.RunAsync(Here, null, "bench", "nexmark", "--queries", "q2", "--events", "5000", "--runs", "1", "--output", "json",
            "--baselines", "true");

        Assert.True(run.ExitCode == 0, run.ToString());
        var objects = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("q2", objects[0].GetProperty("query").GetString());
        Assert.False(objects[0].TryGetProperty("baseline", out _));
        var baselines = objects.Skip(1).Select(o => (o.GetProperty("baseline").GetString(), o.GetProperty("query").GetString())).ToList();
        Assert.Contains(("hand-written", "q2"), baselines);
        Assert.Contains(("rx.net", "q2"), baselines);
        Assert.All(objects, o => Assert.Equal(5_000, o.GetProperty("events").GetInt64()));
    }

    [Fact]
    public async Task BenchNexmark_Table_ShowsEveryQueryAndTheBaselines()
    {
        var run = await CliRun.RunAsync(Here, null, "bench", "nexmark", "--queries", "q2", "--events", "5000", "--runs", "1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("q2", run.Output, StringComparison.Ordinal);
        Assert.Contains("hand-written", run.Output, StringComparison.Ordinal);
        Assert.Contains("rx.net", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchNexmark_EngineOnly_ReplaysTheRequestedEvents()
    {
        var run = await CliRun.RunAsync(Here, null, "bench", "nexmark", "--queries", "q2,q22", "--events", "9000", "--runs", "1", "--output", "json",
            "--engine-only", "--parallelism", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        var objects = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["q2", "q22"], objects.Select(o => o.GetProperty("query").GetString()));
        Assert.All(objects, o => Assert.Equal(9_000, o.GetProperty("events").GetInt64()));
    }

    [Fact]
    public async Task BenchNexmark_EngineOnlyWithRate_IsRejected()
    {
        var run = await CliRun.RunAsync(Here, null, "bench", "nexmark", "--engine-only", "--rate", "1000");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--engine-only", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchNexmark_EventRate_SpreadsTheEventsOverEventTime()
    {
        // 20,000 events at 1,000 events per second of event time are 20 s of event time: q7's 10 s windows fire and its
        // join's rows are swept during the run (at the default rate they are 2 ms). Baselines run at the same rate.
        var run = await CliRun.RunAsync(Here, null, "bench", "nexmark", "--queries", "q5,q7", "--events", "20000", "--runs", "1",
            "--output", "json", "--event-rate", "1000", "--baselines", "true");

        Assert.True(run.ExitCode == 0, run.ToString());
        var objects = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["q5", "q7"], objects.Take(2).Select(o => o.GetProperty("query").GetString()));
        Assert.Contains(objects, o => o.TryGetProperty("baseline", out var b) && b.GetString() == "rx.net" && o.GetProperty("query").GetString() == "q7");
        Assert.All(objects, o => Assert.Equal(20_000, o.GetProperty("events").GetInt64()));
    }

    [Fact]
    public async Task BenchNexmark_EventRateWithRate_IsRejected()
    {
        var run = await CliRun.RunAsync(Here, null, "bench", "nexmark", "--event-rate", "1000", "--rate", "1000");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--event-rate", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchNexmark_Set_ReachesThePlannerOfEveryQuery()
    {
        // Mini-batch (on by default in the bench, with Flink's Nexmark latency) with a zero latency is a planning error
        // naming the option: so the entry reached the planner and replaced the default.
        var run = await CliRun.RunAsync(Here, null, "bench", "nexmark", "--queries", "q15", "--events", "2000", "--runs", "1",
            "--output", "json", "--set", "table.exec.mini-batch.allow-latency=0s");
        var failed = JsonDocument.Parse(run.Output.Trim()).RootElement;
        Assert.Contains("'table.exec.mini-batch.allow-latency' must be set to a positive duration", failed.GetProperty("error").GetString(), StringComparison.Ordinal);

        run = await CliRun.RunAsync(Here, null, "bench", "nexmark", "--queries", "q15", "--events", "2000", "--runs", "1",
            "--output", "json", "--set", "table.exec.mini-batch.enabled=true", "--set", "table.exec.mini-batch.allow-latency=2s",
            "--set", "table.exec.mini-batch.size=5000");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2_000, JsonDocument.Parse(run.Output.Trim()).RootElement.GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task BenchNexmark_SetWithoutValue_IsRejected()
    {
        var run = await CliRun.RunAsync(Here, null, "bench", "nexmark", "--set", "table.exec.mini-batch.enabled");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--set", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchNexmark_UnknownQuery_FailsNamingIt()
    {
        var run = await CliRun.RunAsync(Here, null, "bench", "nexmark", "--queries", "q0,q99");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("q99", run.Error, StringComparison.Ordinal);
    }
}
