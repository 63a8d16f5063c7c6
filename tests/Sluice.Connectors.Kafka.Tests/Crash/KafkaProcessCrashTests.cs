using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sluice.Connectors.Kafka.CrashJob;
using Sluice.Connectors.Kafka.Tests.Support;
using Sluice.State.Checkpoints;
using Xunit.Abstractions;

namespace Sluice.Connectors.Kafka.Tests.Crash;

/// <summary>
/// Exactly-once across real process crashes: the crash job (a SQL job reading one topic and writing another with the
/// exactly-once sink, checkpointing every 200 ms) runs as a child process against this process's mock cluster, is
/// killed with SIGKILL three times at seeded random moments after it completed a checkpoint of its own (but not while a
/// commit writes its transaction, see <see cref="CommitGate"/>; the second kill falls between a checkpoint's completion
/// and its commit), and is started
/// again each time from its latest checkpoint. The last run reads to the end and finishes; the output topic must then
/// hold every input record transformed exactly once.
/// </summary>
public sealed class KafkaProcessCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 3;
    private const int Records = 120_000;

    // The job reads 20,000 rows/s: about 6 s of input, a few thousand records per checkpoint and commit.
    private const int RowsPerSecond = 20_000;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);

    private readonly MockKafkaCluster _cluster = new();
    private readonly string _checkpoints = Directory.CreateTempSubdirectory("sluice-kafka-crash-").FullName;

    public void Dispose()
    {
        _cluster.Dispose();
        Directory.Delete(_checkpoints, recursive: true);
    }

    [Fact]
    public async Task Killed_with_sigkill_repeatedly_the_job_resumes_and_the_output_topic_is_exactly_once()
    {
        // Seeded; SLUICE_TEST_SEED replays or varies the kill moments.
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SLUICE_TEST_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 4711;
        var random = new Random(seed);
        _cluster.CreateTopic("crash-in", 4);
        _cluster.Produce("crash-in", Enumerable.Range(0, Records).Select(i => new TestRecord(null, CrashScript.Input(i), i % 4)));
        var job = Path.Combine(AppContext.BaseDirectory, "kafkacrashjob", "Sluice.Connectors.Kafka.CrashJob.dll");
        Assert.True(File.Exists(job), $"The crash job is not next to the tests: {job}");
        var gate = Path.Combine(_checkpoints, "commit.gate");
        string[] arguments =
        [
            _cluster.BootstrapServers, _checkpoints, "crash-in", "crash-out", "crash-job", "2", RowsPerSecond.ToString(CultureInfo.InvariantCulture), gate,
        ];
        var log = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"seed {seed} (set SLUICE_TEST_SEED to replay)");
        var kills = 0;
        for (var run = 1; ; run++)
        {
            Assert.True(run <= Kills + 2, $"The job did not finish after {run - 1} runs.\n{log}");
            var before = LatestCheckpoint();
            using var child = Start(job, arguments, log, run);
            if (kills < Kills)
            {
                Assert.True(await Until(() => child.HasExited || LatestCheckpoint() > before, StepTimeout),
                    $"Run {run} completed no checkpoint within {StepTimeout}.\n{log}");
                await Until(() => child.HasExited, TimeSpan.FromMilliseconds(random.Next(0, 700)));
                if (!child.HasExited)
                {
                    // Holding the gate keeps the kill out of the few milliseconds in which a commit writes (see CommitGate).
                    using (CommitGate.Acquire(gate, StepTimeout))
                    {
                        var checkpoint = LatestCheckpoint();
                        var note = "";
                        if (kills == 1)
                        {
                            // The second kill lands where librdkafka cannot resume the work: the next checkpoint
                            // completed, and its commit waits for the gate. The restored job must commit it.
                            await Until(() => child.HasExited || LatestCheckpoint() > checkpoint, StepTimeout);
                            checkpoint = LatestCheckpoint();
                            note = ", before its commit";
                        }

                        child.Kill(entireProcessTree: true);
                        await child.WaitForExitAsync();
                        Append(log, run, $"SIGKILL after checkpoint {checkpoint}{note}");
                    }

                    kills++;
                    continue;
                }
            }

            Assert.True(await Until(() => child.HasExited, StepTimeout), $"Run {run} did not end within {StepTimeout}.\n{log}");
            await child.WaitForExitAsync();
            Assert.True(child.ExitCode == 0, $"Run {run} exited with {child.ExitCode}.\n{log}");
            break;
        }

        output.WriteLine(log.ToString());
        Assert.True(kills == Kills, $"The job finished before it was killed {Kills} times.\n{log}");
        var actual = _cluster.ReadValues("crash-out");
        var expected = Enumerable.Range(0, Records).Select(i => CrashScript.Transform(i)).ToList();
        var missing = expected.Except(actual).Take(5).ToList();
        var duplicates = actual.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").Take(5).ToList();
        Assert.True(missing.Count == 0 && duplicates.Count == 0 && actual.Count == expected.Count,
            $"{actual.Count} records for {expected.Count}; missing: {string.Join(", ", missing)}; duplicated: {string.Join(", ", duplicates)}\n{log}");
    }

    private static Process Start(string job, string[] arguments, StringBuilder log, int run)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(job);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start the crash job.");
        process.OutputDataReceived += (_, e) => Append(log, run, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, run, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder log, int run, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.Append("[run ").Append(run.ToString(CultureInfo.InvariantCulture)).Append("] ").AppendLine(line);
        }
    }

    private static async Task<bool> Until(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    private long LatestCheckpoint()
    {
        long latest = 0;
        try
        {
            foreach (var folder in Directory.EnumerateDirectories(_checkpoints, "chk-*"))
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
            // Retention removed a folder while listing; the next poll sees the new state.
        }

        return latest;
    }
}
