using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Kafka.Table;
using Sluice.Formats;
using Sluice.Runtime.Execution;
using Sluice.Sql.Physical.Session;

namespace Sluice.Connectors.Kafka.CrashJob;

/// <summary>
/// Runs <see cref="CrashScript"/> with checkpoints every 200 ms in a directory, resuming from the latest completed
/// checkpoint there, with sources throttled to a rate (<see cref="ThrottledKafkaFactory"/>). Arguments: bootstrap
/// servers, checkpoint directory, input topic, output topic, transactional-id prefix, parallelism, rows per second,
/// commit gate file (<see cref="CommitGate"/>). Exits 0 when the job finished, 1 when it ended otherwise, 2 on a usage error.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 8)
        {
            await Console.Error.WriteLineAsync(
                    "usage: <bootstrap> <checkpoint-dir> <input-topic> <output-topic> <prefix> <parallelism> <rows-per-second> <commit-gate-file>")
                .ConfigureAwait(false);
            return 2;
        }

        var rate = double.Parse(args[6], System.Globalization.CultureInfo.InvariantCulture);
        var registry = new ConnectorRegistry().AddStandardFormats().Add(new ThrottledKafkaFactory(rate, args[7])).Add(new UpsertKafkaTableFactory());
        var session = new SqlSession(new SqlSessionOptions(registry)
        {
            CheckpointDirectory = args[1],
            CheckpointInterval = TimeSpan.FromMilliseconds(200),
            FromSavepoint = "latest",
            CollectInserts = true,
            Parallelism = int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture),
        });
        foreach (var statement in SqlSession.ParseScript(CrashScript.Sql(args[0], args[2], args[3], args[4])))
        {
            session.Execute(statement);
        }

        await using var job = session.SubmitCollectedInserts() ?? throw new InvalidOperationException("The script has no INSERT.");
        Console.WriteLine($"pid {Environment.ProcessId}: job started");
        var result = await job.Completion.ConfigureAwait(false);
        Console.WriteLine($"job ended: {result.Status} {result.Failure}");
        return result.Status == JobStatus.Finished ? 0 : 1;
    }
}
