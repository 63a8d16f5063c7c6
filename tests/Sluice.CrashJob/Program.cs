using Sluice.Runtime.Execution;
using Sluice.State.Checkpoints;
using Sluice.Testing.Sources;

namespace Sluice.CrashJob;

/// <summary>
/// Runs the <see cref="SequenceJob"/> with checkpoints in a directory, resuming from the latest completed checkpoint
/// there if there is one. Exits 0 when the job finished, 1 when it ended otherwise, 2 on a usage or setup error.
/// The crash test kills it with SIGKILL at random moments and starts it again.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        CrashJobOptions options;
        try
        {
            options = CrashJobOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            await Console.Error.WriteLineAsync($"usage error: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        var storage = new DirectoryCheckpointStorage(options.CheckpointDirectory);
        var latest = await storage.FindLatestAsync(CancellationToken.None).ConfigureAwait(false);
        Console.WriteLine(latest is null
            ? $"pid {Environment.ProcessId}: starting fresh"
            : $"pid {Environment.ProcessId}: will restore checkpoint {latest.CheckpointId} from {latest.Path}");

        var source = new SequenceSource(new SequenceSourceOptions
        {
            Splits = options.Splits,
            KeysPerSplit = options.KeysPerSplit,
            RowsPerSplit = options.RowsPerSplit,
            BatchSize = options.BatchSize,
            RowsPerSecond = options.RowsPerSecond,
        });
        var config = new JobConfig
        {
            CheckpointInterval = TimeSpan.FromMilliseconds(options.CheckpointIntervalMillis),
            CheckpointStorage = storage,
            RestoreFromLatest = true, // resume from the newest completed checkpoint in the storage, if there is one

            // Nothing fails inside this process on purpose: any failure is a finding, so it ends the run visibly.
            RestartStrategy = RestartStrategy.None,
        };

        var graph = SequenceJob.Build(source, SequenceJob.FileSink(options.OutputDirectory), options.Parallelism);
        await using var client = LocalExecutor.Start(graph, config);
        long reported = latest?.CheckpointId ?? 0;
        while (!client.Completion.IsCompleted)
        {
            await Task.WhenAny(client.Completion, Task.Delay(TimeSpan.FromMilliseconds(500))).ConfigureAwait(false);
            if (client.LatestCheckpoint is { } checkpoint && checkpoint.CheckpointId > reported)
            {
                reported = checkpoint.CheckpointId;
                Console.WriteLine($"checkpoint {reported} completed");
            }
        }

        var result = await client.Completion.ConfigureAwait(false);
        Console.WriteLine($"end: {result.Status}, restarts {result.Restarts}, last checkpoint {result.LastCompletedCheckpointId}");
        if (result.Failure is not null)
        {
            await Console.Error.WriteLineAsync(result.Failure.ToString()).ConfigureAwait(false);
        }

        return result.Status == JobStatus.Finished ? 0 : 1;
    }
}
