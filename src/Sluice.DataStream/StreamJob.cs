using Sluice.Runtime.Execution;
using Sluice.Runtime.Metrics;
using Sluice.State.Checkpoints;

namespace Sluice.DataStream;

/// <summary>
/// A handle on a running DataStream job: status, completion, checkpoints and savepoints, stop and cancel, metrics.
/// Thread-safe. Disposing cancels the job if it still runs and waits for it to end.
/// </summary>
public sealed class StreamJob : IAsyncDisposable
{
    internal StreamJob(JobClient client)
    {
        Client = client;
    }

    /// <summary>The runtime's job client.</summary>
    public JobClient Client { get; }

    /// <summary>The job's name.</summary>
    public string Name => Client.JobName;

    /// <summary>The job's current status.</summary>
    public JobStatus Status => Client.Status;

    /// <summary>Completes when the job ended, with how it ended.</summary>
    public Task<JobResult> Completion => Client.Completion;

    /// <summary>The job's metrics (per operator subtask with <see cref="JobMetrics.Snapshot"/>).</summary>
    public JobMetrics Metrics => Client.Metrics;

    /// <summary>The latest completed checkpoint or savepoint, or null.</summary>
    public CheckpointMetadata? LatestCheckpoint => Client.LatestCheckpoint;

    /// <summary>Waits for the job to end.</summary>
    public Task<JobResult> WaitForCompletionAsync(CancellationToken cancellationToken = default) => Completion.WaitAsync(cancellationToken);

    /// <summary>Triggers a checkpoint and waits for it to complete.</summary>
    public Task<CheckpointMetadata> TriggerCheckpointAsync(CancellationToken cancellationToken = default) =>
        Client.TriggerCheckpointAsync(cancellationToken);

    /// <summary>Triggers a savepoint into <paramref name="directory"/> (or the configured one) and waits for it.</summary>
    public Task<CheckpointMetadata> TriggerSavepointAsync(string? directory = null, CancellationToken cancellationToken = default) =>
        Client.TriggerSavepointAsync(directory, cancellationToken);

    /// <summary>Takes a savepoint, commits the sinks up to it and stops the job; returns the savepoint's path.</summary>
    public Task<string> StopWithSavepointAsync(string? directory = null, CancellationToken cancellationToken = default) =>
        Client.StopWithSavepointAsync(directory, cancellationToken);

    /// <summary>Cancels the job and waits for it to end.</summary>
    public Task<JobResult> CancelAsync(CancellationToken cancellationToken = default) => Client.CancelAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
