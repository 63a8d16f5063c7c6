using System.Globalization;
using Sluice.CrashJob;
using Sluice.Integration.Tests.Support;
using Sluice.State.Checkpoints;
using Sluice.Testing.Sources;
using Xunit.Abstractions;

namespace Sluice.Integration.Tests.Crash;

/// <summary>
/// Exactly-once across real process crashes (reliability.md T1): the crash job runs as a child process and is
/// killed with SIGKILL at random moments, each time after it completed at least one checkpoint since it started,
/// and started again; it resumes from the latest completed checkpoint. The last run finishes, and the output folder
/// must hold exactly the expected lines.
/// </summary>
public sealed class ProcessCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 5;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);

    private readonly TempDirectory _temp = new("process-crash");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task KilledWithSigkillRepeatedly_ResumesFromCheckpoints_OutputIsExactlyOnce()
    {
        foreach (var seed in TestSeeds.Or(3003))
        {
            await RunWithKills(seed);
        }
    }

    private async Task RunWithKills(int seed)
    {
        var random = new Random(seed);
        var outputDir = _temp.Sub($"out-{seed}");
        var checkpointDir = _temp.Sub($"chk-{seed}");

        // 4 splits x 50,000 rows = 200,000 events over 1,000 keys, at 6,000 rows/s per source subtask (parallelism 2):
        // about 17 s of input, so the job is still running at every kill even on a slow machine (a run lasts about
        // start-up + one checkpoint + up to 1 s before it is killed).
        var options = new SequenceSourceOptions { Splits = 4, KeysPerSplit = 250, RowsPerSplit = 50_000, BatchSize = 500, RowsPerSecond = 6_000 };
        string[] arguments =
        [
            "--output", outputDir, "--checkpoints", checkpointDir,
            "--splits", Text(options.Splits), "--keys-per-split", Text(options.KeysPerSplit),
            "--rows-per-split", Text(options.RowsPerSplit!.Value), "--batch-size", Text(options.BatchSize),
            "--rows-per-second", Text(options.RowsPerSecond!.Value), "--parallelism", "2", "--checkpoint-interval-ms", "100",
        ];
        var crashJob = Path.Combine(AppContext.BaseDirectory, "crashjob", "Sluice.CrashJob.dll");
        Assert.True(File.Exists(crashJob), $"The crash job is not next to the tests: {crashJob}");

        var log = new ProcessLog();
        var kills = 0;
        string Context() => $"{TestSeeds.Replay(seed)}; {kills} kill(s)\n--- child process output ---\n{log.Tail()}";
        var finished = false;
        for (var run = 1; !finished; run++)
        {
            Assert.True(run <= Kills + 2, $"The job did not finish after {run - 1} runs; {Context()}");
            var tag = $"run {run}";
            var before = LatestCompletedCheckpoint(checkpointDir);
            using var child = ChildProcess.Start(crashJob, arguments, log, tag);
            if (kills < Kills)
            {
                // Wait until this run completed a checkpoint of its own, then kill it at a random moment after that.
                var checkpointed = await Poll.UntilAsync(() => child.HasExited || LatestCompletedCheckpoint(checkpointDir) > before, StepTimeout);
                Assert.True(checkpointed, $"Run {run} completed no checkpoint within {StepTimeout}; {Context()}");
                if (!child.HasExited)
                {
                    var delay = TimeSpan.FromMilliseconds(random.Next(0, 1000));
                    await Poll.UntilAsync(() => child.HasExited, delay);
                }

                if (!child.HasExited)
                {
                    var at = LatestCompletedCheckpoint(checkpointDir);
                    await child.KillHardAsync();
                    kills++;
                    log.Append(tag, "test", $"SIGKILL (latest completed checkpoint on disk: {at})");
                    continue;
                }
            }

            Assert.True(await child.WaitForExitAsync(StepTimeout), $"Run {run} did not end within {StepTimeout}; {Context()}");
            Assert.True(child.ExitCode == 0, $"Run {run} exited with {child.ExitCode}; {Context()}");
            finished = true;
        }

        output.WriteLine(Context());
        Assert.True(kills >= 3, $"The job finished before it was killed 3 times; {Context()}");
        var source = new SequenceSource(options);
        var comparison = OutputComparison.Compare(source.AllEvents().Select(SequenceJob.ExpectedLine), SinkOutput.CommittedLines(outputDir));
        Assert.True(comparison.IsExact, comparison.Describe(Context()));
        var hidden = SinkOutput.HiddenFiles(outputDir);
        Assert.True(hidden.Count == 0, $"Hidden part files remain after the job finished: {string.Join(", ", hidden.Take(10))}; {Context()}");
    }

    /// <summary>The id of the newest chk-* folder with metadata (0 if none); tolerates folders deleted by retention meanwhile.</summary>
    private static long LatestCompletedCheckpoint(string checkpointDir)
    {
        if (!Directory.Exists(checkpointDir))
        {
            return 0;
        }

        long latest = 0;
        try
        {
            foreach (var folder in Directory.EnumerateDirectories(checkpointDir, "chk-*"))
            {
                if (long.TryParse(Path.GetFileName(folder).AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    && id > latest && File.Exists(Path.Combine(folder, DirectoryCheckpointStorage.MetadataFileName)))
                {
                    latest = id;
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // A folder went away while listing: the next poll sees the new state.
        }

        return latest;
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
