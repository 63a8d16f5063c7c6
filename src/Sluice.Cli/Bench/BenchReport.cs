using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace Sluice.Cli.Bench;

/// <summary>
/// Prints the benchmark's results: with <c>--output json</c> one object per query (and per baseline) and line on standard
/// output as soon as it is measured; otherwise progress on standard error and, at the end, a table of the queries (with
/// their throughput as a ratio of the baselines') and one of the baselines.
/// </summary>
internal sealed class BenchReport(CliConsole console, NexmarkBenchSettings settings)
{
    public void QueryDone(BenchResult result)
    {
        if (settings.Json)
        {
            console.Out.WriteLine(Json(result));
            console.Out.Flush();
            return;
        }

        var what = result.Name == "sluice" ? result.Query : $"{result.Name} {result.Query}";
        console.Error.WriteLine(result.Error is null
            ? $"{what}: {Rate(result.EventsPerSecond)} events/s ({Rate(result.EventsPerSecondPerCore)} per core)"
            : $"{what}: failed: {result.Error}");
    }

    public void Finish(IReadOnlyList<BenchResult> results, IReadOnlyList<BenchResult> baselines)
    {
        if (settings.Json)
        {
            return;
        }

        var ansi = console.CreateAnsiConsole(console.Out);
        var table = new Table().Title(
            $"Nexmark: {settings.Events:N0} events, parallelism {settings.Parallelism}, checkpoints every {settings.CheckpointInterval.TotalSeconds:0.###} s, median of {settings.Runs}");
        table.AddColumns("Query", "Events", "Seconds", "Cores", "Events/s", "Events/s/core", "Peak heap", "÷ hand-written", "÷ Rx.NET");
        if (settings.Rate is not null)
        {
            table.AddColumns("p50 ms", "p99 ms");
        }

        foreach (var r in results)
        {
            var cells = r.Error is null
                ? new List<string>
                {
                    r.Query, r.Events.ToString("N0", CultureInfo.InvariantCulture), r.Seconds.ToString("0.000", CultureInfo.InvariantCulture),
                    r.Cores.ToString("0.00", CultureInfo.InvariantCulture), Rate(r.EventsPerSecond), Rate(r.EventsPerSecondPerCore),
                    NexmarkBenchRunner.Mebibytes(r.PeakBytes), Ratio(r, baselines, "hand-written"), Ratio(r, baselines, "rx.net"),
                }
                : [r.Query, "failed (below)", "", "", "", "", "", "", ""];
            if (settings.Rate is not null)
            {
                cells.Add(r.LatencyP50Ms?.ToString("0", CultureInfo.InvariantCulture) ?? "-");
                cells.Add(r.LatencyP99Ms?.ToString("0", CultureInfo.InvariantCulture) ?? "-");
            }

            table.AddRow([.. cells.Select(c => Markup.Escape(c))]);
        }

        ansi.Write(table);
        foreach (var r in results.Where(r => r.Error is not null))
        {
            console.Out.WriteLine($"{r.Query} failed: {r.Error}");
        }

        if (baselines.Count == 0)
        {
            return;
        }

        var base1 = new Table().Title("Baselines (single-threaded, same events)");
        base1.AddColumns("Baseline", "Query", "Seconds", "Cores", "Events/s", "Events/s/core");
        foreach (var b in baselines)
        {
            base1.AddRow(b.Name, b.Query, b.Seconds.ToString("0.000", CultureInfo.InvariantCulture), b.Cores.ToString("0.00", CultureInfo.InvariantCulture),
                Rate(b.EventsPerSecond), Rate(b.EventsPerSecondPerCore));
        }

        ansi.Write(base1);
    }

    /// <summary>Our events/s per core divided by the baseline's for the same query, or "-".</summary>
    private static string Ratio(BenchResult ours, IReadOnlyList<BenchResult> baselines, string name)
    {
        var baseline = baselines.FirstOrDefault(b => b.Name == name && b.Query == ours.Query);
        return baseline is null || baseline.EventsPerSecondPerCore <= 0
            ? "-"
            : (ours.EventsPerSecondPerCore / baseline.EventsPerSecondPerCore).ToString("0.000", CultureInfo.InvariantCulture);
    }

    private static string Rate(double perSecond) => perSecond switch
    {
        >= 1e6 => (perSecond / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M",
        >= 1e3 => (perSecond / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " K",
        _ => perSecond.ToString("0", CultureInfo.InvariantCulture),
    };

    /// <summary>One line: <c>{"query":"q5","events":N,"seconds":S,"cores":C,"eventsPerSecond":X,"eventsPerSecondPerCore":Y,"peakMemoryBytes":M}</c>.</summary>
    private static string Json(BenchResult r)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (r.Name != "sluice")
            {
                json.WriteString("baseline", r.Name);
            }

            json.WriteString("query", r.Query);
            if (r.Error is not null)
            {
                json.WriteString("error", r.Error);
            }
            else
            {
                json.WriteNumber("events", r.Events);
                json.WriteNumber("seconds", Math.Round(r.Seconds, 6));
                json.WriteNumber("cores", Math.Round(r.Cores, 4));
                json.WriteNumber("eventsPerSecond", Math.Round(r.EventsPerSecond, 1));
                json.WriteNumber("eventsPerSecondPerCore", Math.Round(r.EventsPerSecondPerCore, 1));
                json.WriteNumber("peakMemoryBytes", r.PeakBytes);
                if (r.LatencyP50Ms is { } p50)
                {
                    json.WriteNumber("latencyP50Ms", p50);
                }

                if (r.LatencyP99Ms is { } p99)
                {
                    json.WriteNumber("latencyP99Ms", p99);
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
