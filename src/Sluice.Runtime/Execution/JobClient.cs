using Sluice.Core.Errors;
using Sluice.Core.Messages;
using Sluice.Runtime.Metrics;
using Sluice.State.Checkpoints;

namespace Sluice.Runtime.Execution;

/// <summary>
/// A handle on a running job: its status and result, savepoints, stop and cancel, and metrics.
/// Thread-safe. Disposing cancels the job if it still runs and waits for it to end.
/// </summary>
public sealed class JobClient : IAsyncDisposable
{
    private readonly JobRunner _runner;

    internal JobClient(JobRunner runner, Task<JobResult> completion, string jobName)
    {
        _runner = runner;
        Completion = completion;
        JobName = jobName;
    }

    /// <summary>The job's name.</summary>
    public string JobName { get; }

    /// <summary>The job's current status.</summary>
    public JobStatus Status => _runner.Status;

    /// <summary>Completes when the job ended, with how it ended.</summary>
    public Task<JobResult> Completion { get; }

    /// <summary>The job's metrics.</summary>
    public JobMetrics Metrics => _runner.Metrics;

    /// <summary>The latest completed checkpoint or savepoint, or null.</summary>
    public CheckpointMetadata? LatestCheckpoint => _runner.CurrentAttempt?.Coordinator.LatestCompleted ?? _runner.LatestCheckpoint;

    /// <summary>Triggers a checkpoint now and waits for it to complete.</summary>
    public Task<CheckpointMetadata> TriggerCheckpointAsync(CancellationToken cancellationToken = default) =>
        Trigger(CheckpointKind.Checkpoint, null, thenStop: false, cancellationToken);

    /// <summary>Triggers a savepoint into <paramref name="directory"/> (or the configured savepoint directory) and waits for it.</summary>
    public Task<CheckpointMetadata> TriggerSavepointAsync(string? directory = null, CancellationToken cancellationToken = default) =>
        Trigger(CheckpointKind.Savepoint, directory, thenStop: false, cancellationToken);

    /// <summary>
    /// Takes a savepoint, commits the sinks' output up to it, and stops the job (sources stop at the savepoint
    /// barrier; no end-of-input watermark is emitted). Returns the savepoint's path.
    /// </summary>
    public async Task<string> StopWithSavepointAsync(string? directory = null, CancellationToken cancellationToken = default)
    {
        var savepoint = await Trigger(CheckpointKind.Savepoint, directory, thenStop: true, cancellationToken).ConfigureAwait(false);
        await Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        return savepoint.Path;
    }

    /// <summary>Cancels the job and waits for it to end.</summary>
    public async Task<JobResult> CancelAsync()
    {
        _runner.Cancel();
        return await Completion.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!Completion.IsCompleted)
        {
            _runner.Cancel();
        }

        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The result was observed by whoever wanted it.
        }
    }

    private Task<CheckpointMetadata> Trigger(CheckpointKind kind, string? directory, bool thenStop, CancellationToken cancellationToken)
    {
        var attempt = _runner.CurrentAttempt;
        if (attempt is null || _runner.Status != JobStatus.Running)
        {
            throw new JobException($"Job '{JobName}' is {Status}; a checkpoint needs a running job.");
        }

        return attempt.Coordinator.TriggerAsync(kind, directory, thenStop).WaitAsync(cancellationToken);
    }
}
