using System.Globalization;
using Sluice.Cli.Bench.Baselines;
using Sluice.Cli.Execution;
using Sluice.Connectors.Nexmark;
using Sluice.Core.Errors;
using Sluice.Runtime.Execution;
using Sluice.Sql.Physical.Session;

namespace Sluice.Cli.Bench;

/// <summary>
/// Runs <c>sluice bench nexmark</c>: each query <see cref="NexmarkBenchSettings.Runs"/> times into its sink (a blackhole,
/// or the latency sink in latency mode), with exactly-once checkpoints into a temporary folder and the generator in the
/// job, then the baselines; reports medians (<see cref="BenchReport"/>).
/// </summary>
internal sealed class NexmarkBenchRunner(CliConsole console, NexmarkBenchSettings settings, TimeProvider time)
{
    /// <summary>The event rate of event time when not pacing (Flink's V1 setting).</summary>
    public const long FullSpeedRate = 10_000_000;

    /// <summary>The seed of every run: runs and baselines see the same events.</summary>
    public const long Seed = 42;

    /// <summary>A guard against a hanging job.</summary>
    private static readonly TimeSpan JobTimeout = TimeSpan.FromHours(1);

    public async Task<int> RunAsync()
    {
        var results = new List<BenchResult>();
        var report = new BenchReport(console, settings);
        foreach (var query in settings.Queries)
        {
            var result = await RunQueryAsync(query).ConfigureAwait(false);
            results.Add(result);
            report.QueryDone(result);
        }

        var baselines = new List<BenchResult>();
        if (settings.Baselines)
        {
            foreach (var (name, query, run) in BaselineRuns())
            {
                var result = Measure(name, query, run);
                baselines.Add(result);
                report.QueryDone(result);
            }
        }

        report.Finish(results, baselines);
        return results.Any(r => r.Error is not null) ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>
    /// The group aggregation settings of Flink's Nexmark job configuration, with which its published results were
    /// measured: mini-batch on (2 s, 50 000 rows). Without them a group aggregation emits a change per input row, as
    /// Flink's does; <c>--set table.exec.mini-batch.enabled=false</c> measures that.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FlinkNexmarkSettings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["table.exec.mini-batch.enabled"] = "true",
        ["table.exec.mini-batch.allow-latency"] = "2s",
        ["table.exec.mini-batch.size"] = "50000",
    };

    private NexmarkConfiguration BaselineConfiguration => new()
    {
        EventsNum = settings.Events,
        FirstEventRate = settings.EventTimeRate,
        Seed = Seed,
        BaseTime = time.GetUtcNow().ToUnixTimeMilliseconds(),
    };

    private IEnumerable<(string Name, string Query, Func<long> Run)> BaselineRuns()
    {
        var configuration = BaselineConfiguration;
        yield return ("generator", "-", () => HandWrittenBaselines.Run("gen", configuration));
        yield return ("source", "-", () => SourceOnlyBaseline.Run(configuration));
        foreach (var query in settings.Queries.Where(HandWrittenBaselines.Queries.Contains))
        {
            yield return ("hand-written", query, () => HandWrittenBaselines.Run(query, configuration));
        }

        foreach (var query in settings.Queries.Where(RxBaselines.Queries.Contains))
        {
            yield return ("rx.net", query, () => RxBaselines.Run(query, configuration));
        }
    }

    private BenchResult Measure(string name, string query, Func<long> run)
    {
        var runs = new List<RunMeasurement>();
        for (var i = 0; i < settings.Runs; i++)
        {
            using var meter = ResourceMeter.Start();
            var checksum = run();
            var (seconds, cpu, peak) = meter.Stop();
            GC.KeepAlive(checksum);
            runs.Add(new RunMeasurement(settings.Events, seconds, cpu, peak));
        }

        return BenchResult.Of(name, query, runs);
    }

    private async Task<BenchResult> RunQueryAsync(string query)
    {
        var runs = new List<RunMeasurement>();
        try
        {
            for (var i = 0; i < settings.Runs; i++)
            {
                runs.Add(await RunOnceAsync(query).ConfigureAwait(false));
            }
        }
        catch (Exception ex) when (ex is SluiceException or InvalidOperationException or NotSupportedException or TimeoutException)
        {
            return BenchResult.Failed("sluice", query, ex.Message.Split('\n')[0]);
        }

        return BenchResult.Of("sluice", query, runs);
    }

    private async Task<RunMeasurement> RunOnceAsync(string query)
    {
        var directory = Directory.CreateTempSubdirectory("sluice-bench-");
        try
        {
            var sideInput = Path.Combine(directory.FullName, "side_input.csv");
            if (query == "q13")
            {
                await File.WriteAllLinesAsync(sideInput, Enumerable.Range(0, 10_000).Select(i => $"{i},{i}")).ConfigureAwait(false);
            }

            var latency = new LatencyRecorder();
            var registry = SessionFactory.CreateRegistry(console);
            var sink = "blackhole";
            if (settings.Rate is not null)
            {
                registry.Add(new LatencySinkFactory(latency, time));
                sink = LatencySinkFactory.ConnectorName;
            }

            var session = new SqlSession(new SqlSessionOptions(registry)
            {
                Parallelism = settings.Parallelism,
                CheckpointDirectory = Path.Combine(directory.FullName, "checkpoints"),
                CheckpointInterval = settings.CheckpointInterval,
                CollectInserts = true,
                Clock = time,
                ScriptDirectory = directory.FullName,
                Configuration = Configuration(),
            });
            var baseTime = time.GetUtcNow().ToUnixTimeMilliseconds();
            var script = NexmarkScripts.Script(query, settings.Events, settings.EventTimeRate, maxEmitSpeed: settings.Rate is null, Seed,
                baseTime, sideInput, sink);
            using var replay = settings.EngineOnly
                ? ReplayBatches.Generate(
                    new NexmarkConfiguration { EventsNum = settings.Events, FirstEventRate = settings.EventTimeRate, Seed = Seed, BaseTime = baseTime },
                    settings.Parallelism)
                : null;
            if (replay is not null)
            {
                registry.Add(new ReplayTableFactory(replay));
                script = script.Replace("'connector' = 'nexmark'", $"'connector' = '{ReplayTableFactory.ConnectorName}'", StringComparison.Ordinal);
            }

            using var meter = ResourceMeter.Start();
            foreach (var statement in SqlSession.ParseScript(script, query + ".sql"))
            {
                session.Execute(statement);
            }

            await using var job = session.SubmitCollectedInserts() ?? throw new InvalidOperationException($"{query} has no INSERT.");
            var result = await job.Completion.WaitAsync(JobTimeout).ConfigureAwait(false);
            var (seconds, cpu, peak) = meter.Stop();
            if (result.Status != JobStatus.Finished)
            {
                throw result.Failure ?? new InvalidOperationException($"The job of {query} ended {result.Status}.");
            }

            return new RunMeasurement(settings.Events, seconds, cpu, peak, latency.Percentile(0.5), latency.Percentile(0.99));
        }
        finally
        {
            TryDelete(directory);
        }
    }

    /// <summary>
    /// The session configuration of every run: UTC and the mini-batch settings of Flink's published Nexmark results
    /// (<see cref="FlinkNexmarkSettings"/>), then the command's <c>--set</c> entries.
    /// </summary>
    private Dictionary<string, string> Configuration()
    {
        var configuration = new Dictionary<string, string>(FlinkNexmarkSettings, StringComparer.Ordinal) { ["table.local-time-zone"] = "UTC" };
        foreach (var (key, value) in settings.Configuration ?? new Dictionary<string, string>())
        {
            configuration[key] = value;
        }

        return configuration;
    }

    private static void TryDelete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A checkpoint write still finishing; the temporary folder is left behind.
        }
    }

    /// <summary>The text of a size in bytes (MiB with one decimal).</summary>
    public static string Mebibytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

}
