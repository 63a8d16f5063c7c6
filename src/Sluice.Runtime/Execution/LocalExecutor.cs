using Sluice.Runtime.Graph;

namespace Sluice.Runtime.Execution;

/// <summary>Runs job graphs in this process, with real parallelism (one thread per subtask).</summary>
public static class LocalExecutor
{
    /// <summary>Starts a job and returns a handle on it.</summary>
    public static JobClient Start(JobGraph graph, JobConfig config)
    {
        var runner = new JobRunner(graph, config);
        var completion = Task.Run(runner.RunAsync);
        return new JobClient(runner, completion, graph.Name);
    }

    /// <summary>Runs a job to its end (cancelled through <paramref name="cancellationToken"/>).</summary>
    public static async Task<JobResult> RunAsync(JobGraph graph, JobConfig config, CancellationToken cancellationToken = default)
    {
        await using var client = Start(graph, config);
        await using var registration = cancellationToken.Register(() => _ = client.CancelAsync());
        return await client.Completion.ConfigureAwait(false);
    }
}
