using System.Collections.Concurrent;
using System.Security.Cryptography;
using Sluice.Core.Errors;
using Sluice.Core.Messages;
using Sluice.Runtime.Execution;
using Sluice.Server.Contracts;
using Sluice.Server.Hosting;
using Sluice.Server.Security;
using Sluice.Server.Storage;
using Sluice.State.Checkpoints;

namespace Sluice.Server.Deployments;

/// <summary>
/// The reconciliation loop: moves every deployment's job towards its desired state and records the observed status.
/// </summary>
/// <remarks>
/// <para><b>What a pass does</b>, per deployment, oldest first:</para>
/// <list type="bullet">
/// <item>A job that ended by itself is reported: FINISHED, FAILED (with the exception as an event, and its latest
/// checkpoint kept as a savepoint of origin RETAINED_CHECKPOINT) or CANCELLED.</item>
/// <item>Desired RUNNING without a job: the job starts. A deployment that was running when the server stopped
/// (STARTING, RUNNING, FAILING) resumes from its latest checkpoint or savepoint; one that was suspended, cancelled,
/// finished or failed (and whose spec changed since) follows its restore strategy. FINISHED and FAILED stay until the
/// spec changes.</item>
/// <item>Desired RUNNING with a job whose script, parallelism, checkpoint interval or restart strategy differ from the
/// spec: the upgrade strategy applies (STATEFUL: stop with a savepoint of origin UPGRADE and start the new spec from
/// it; STATELESS: cancel and start without state; NONE: keep the job).</item>
/// <item>Desired SUSPENDED: the job stops with a savepoint (origin SUSPEND). Desired CANCELLED: the job is cancelled.</item>
/// </list>
/// <para><b>Threading.</b> One loop task runs the passes, every <see cref="SluiceServerOptions.ReconcileInterval"/> of
/// the injected <see cref="TimeProvider"/> or as soon as <see cref="Wake"/> is called. The API reads
/// <see cref="JobOf"/> and asks for savepoints concurrently; the runtime's <see cref="JobClient"/> is thread-safe.</para>
/// <para><b>Checkpoint history.</b> Each pass stores the checkpoints a job completed or failed since the last pass
/// (and once more when the loop removes the job), so the history survives the job and the server.</para>
/// <para><b>Shutdown.</b> <see cref="StopAsync"/> stops every running job with a savepoint (origin SHUTDOWN), all at
/// once and each within <see cref="SluiceServerOptions.ShutdownSavepointTimeout"/>, then cancels what is left, without
/// touching the stored status: the next start brings each deployment back to its desired state from its newest
/// checkpoint or savepoint, which is the shutdown savepoint when it was taken.</para>
/// </remarks>
internal sealed partial class Reconciler(
    MetadataStore store,
    SecretStore secrets,
    JobLauncher launcher,
    DeploymentEvents events,
    TimeProvider time,
    ServerPaths paths,
    SluiceServerOptions options,
    ILogger<Reconciler> logger) : IAsyncDisposable
{
    private static readonly TimeSpan SavepointTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, RunningJob> _jobs = new(StringComparer.Ordinal);
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stop;
    private Task? _loop;

    /// <summary>The running job of a deployment, or null.</summary>
    public RunningJob? JobOf(string deploymentId) => _jobs.TryGetValue(deploymentId, out var job) ? job : null;

    /// <summary>The names of the jobs that run now (the job name is the deployment's name).</summary>
    public IReadOnlyDictionary<string, string> RunningJobNames() => _jobs.ToDictionary(p => p.Value.Graph.Name, p => p.Key, StringComparer.Ordinal);

    /// <summary>The checkpoint storage of a deployment.</summary>
    public DirectoryCheckpointStorage StorageOf(string deploymentId) => new(Path.Combine(paths.CheckpointDirectory, deploymentId));

    /// <summary>Starts the loop.</summary>
    public void Start()
    {
        _stop = new CancellationTokenSource();
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    /// <summary>Runs a pass soon (after a spec changed).</summary>
    public void Wake() => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Stops the loop and the jobs, with a savepoint where possible (their deployments keep their status; see the remarks).</summary>
    public async Task StopAsync()
    {
        if (_stop is null || _loop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await Task.WhenAll(_jobs.Select(p => StopForShutdownAsync(p.Key, p.Value))).ConfigureAwait(false);
        _stop.Dispose();
        _stop = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Takes a savepoint of a running deployment (origin USER_REQUEST).</summary>
    /// <exception cref="ApiException">409 when the deployment has no running job.</exception>
    public async Task<SavepointResponse> TriggerSavepointAsync(string deploymentId, CancellationToken cancellationToken)
    {
        var job = JobOf(deploymentId);
        if (job is null || job.Client.Status != JobStatus.Running)
        {
            throw ApiException.Conflict($"Deployment {deploymentId} has no running job; a savepoint needs one.");
        }

        CheckpointMetadata savepoint;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(SavepointTimeout);
            savepoint = await job.Client.TriggerSavepointAsync(null, timeout.Token).ConfigureAwait(false);
        }
        catch (JobException ex)
        {
            throw ApiException.Conflict(secrets.Redact(ex.Message));
        }

        return Register(deploymentId, savepoint, SavepointOrigin.UserRequest);
    }

    private async Task StopForShutdownAsync(string id, RunningJob job)
    {
        job.Stopping = true;
        if (job.Client.Status == JobStatus.Running && options.ShutdownSavepointTimeout > TimeSpan.Zero)
        {
            try
            {
                using var timeout = new CancellationTokenSource(options.ShutdownSavepointTimeout);
                var path = await job.Client.StopWithSavepointAsync(null, timeout.Token).ConfigureAwait(false);
                Register(id, await DirectoryCheckpointStorage.LoadAsync(path, CancellationToken.None).ConfigureAwait(false), SavepointOrigin.Shutdown);
            }
            catch (Exception ex) when (ex is SluiceException or OperationCanceledException or IOException)
            {
                events.Add(id, EventKind.Failure,
                    "The shutdown savepoint failed; the job was cancelled and the next start resumes from its latest checkpoint.", ex);
            }
        }

        await RemoveAsync(id, job).ConfigureAwait(false);
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var wake = Volatile.Read(ref _wake).Task;
            try
            {
                await ReconcileAllAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The loop must survive any failure of one pass; it is logged and the next pass retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogPassFailed(logger, secrets.Redact(ex.ToString()));
            }

            try
            {
                await Task.WhenAny(wake, Task.Delay(options.ReconcileInterval, time, cancellationToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task ReconcileAllAsync(CancellationToken cancellationToken)
    {
        var records = store.ListDeployments();
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await ReconcileAsync(record).ConfigureAwait(false);
        }

        // Jobs of deleted deployments (cannot normally happen: only cancelled deployments are deleted).
        foreach (var id in _jobs.Keys.Except(records.Select(r => r.Id)).ToList())
        {
            if (_jobs.TryRemove(id, out var orphan))
            {
                orphan.Stopping = true;
                await orphan.Client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task ReconcileAsync(DeploymentRecord record)
    {
        var job = JobOf(record.Id);
        if (job is not null && job.Client.Completion.IsCompleted && !job.Stopping)
        {
            await OnJobEndedAsync(record, job).ConfigureAwait(false);
            job = null;
            record = store.GetDeployment(record.Id) ?? record;
        }

        switch (record.Spec.State)
        {
            case DesiredState.Running when job is null:
                if (record.Phase is DeploymentPhase.Finished or DeploymentPhase.Failed or DeploymentPhase.Cancelled
                    && record.ReconciledGeneration == record.Generation)
                {
                    return;
                }

                var recovering = record.Phase is DeploymentPhase.Starting or DeploymentPhase.Running or DeploymentPhase.Failing;
                await StartAsync(record, recovering ? RestoreStrategy.LatestState : record.Spec.RestoreStrategy, null).ConfigureAwait(false);
                return;
            case DesiredState.Running:
                if (record.Spec.JobDiffers(job!.Spec))
                {
                    await UpgradeAsync(record, job).ConfigureAwait(false);
                    return;
                }

                Observe(record, job);
                return;
            case DesiredState.Suspended when job is not null:
                await SuspendAsync(record, job).ConfigureAwait(false);
                return;
            case DesiredState.Suspended:
                if (record.Phase != DeploymentPhase.Suspended)
                {
                    SetPhase(record, DeploymentPhase.Suspended, "The deployment is suspended; no job runs.");
                }

                return;
            case DesiredState.Cancelled when job is not null:
                job.Stopping = true;
                await job.Client.CancelAsync().ConfigureAwait(false);
                await RetainCheckpointAsync(record.Id, job).ConfigureAwait(false);
                await RemoveAsync(record.Id, job).ConfigureAwait(false);
                SetPhase(record, DeploymentPhase.Cancelled, "The job was cancelled.");
                return;
            default:
                if (record.Phase != DeploymentPhase.Cancelled)
                {
                    SetPhase(record, DeploymentPhase.Cancelled, "The deployment is cancelled; no job runs.");
                }

                return;
        }
    }

    private async Task StartAsync(DeploymentRecord record, RestoreStrategy strategy, string? savepointPath)
    {
        var spec = record.Spec;
        var storage = StorageOf(record.Id);
        string? from = savepointPath;
        string how;
        try
        {
            if (from is null)
            {
                switch (strategy)
                {
                    case RestoreStrategy.LatestState:
                        from = (await storage.FindLatestAsync(CancellationToken.None).ConfigureAwait(false))?.Path;
                        break;
                    case RestoreStrategy.LatestSavepoint:
                        from = store.ListSavepoints(record.Id).FirstOrDefault(s => File.Exists(Path.Combine(s.Path, DirectoryCheckpointStorage.MetadataFileName)))?.Path;
                        break;
                    default:
                        DeleteCheckpoints(storage);
                        break;
                }
            }

            how = from is null ? "without state" : $"from {from}";
            var prepared = launcher.Prepare(spec, secrets.Resolve(spec.Sql), new JobStart(storage.RootDirectory, from));
            var job = prepared.Submit();
            _jobs[record.Id] = new RunningJob(job.Client, spec, prepared.Plan.Graph, storage);
        }
#pragma warning disable CA1031 // Whatever keeps the job from starting is reported on the deployment, not thrown at the loop.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            events.Add(record.Id, EventKind.Failure, "The job could not be started: " + ex.Message, ex);
            SetPhase(record, DeploymentPhase.Failed, "The job could not be started: " + ex.Message);
            return;
        }

        SetPhase(record, DeploymentPhase.Starting, $"Starting the job {how}.");
    }

    private void Observe(DeploymentRecord record, RunningJob job)
    {
        job.Sample(time, SampleInterval);
        StoreCheckpoints(record.Id, job);
        var restarts = job.Client.Metrics.Restarts;
        var (phase, reason) = job.Client.Status switch
        {
            JobStatus.Created => (DeploymentPhase.Starting, record.Reason),
            JobStatus.Restarting => (DeploymentPhase.Failing, $"A task failed; the job restarts (restart {restarts + 1})."),
            _ => (DeploymentPhase.Running, restarts == 0 ? "The job is running." : $"The job is running after {restarts} restart(s)."),
        };
        if (record.Spec.UpgradeStrategy == UpgradeStrategy.None && job.UpgradeDeferredNoted)
        {
            reason = "The job runs an older spec: the upgrade strategy NONE applies the change when the job next starts.";
        }

        if (phase != record.Phase || reason != record.Reason || restarts != record.Restarts || record.ReconciledGeneration != record.Generation)
        {
            SetPhase(record, phase, reason, restarts);
        }
    }

    private async Task UpgradeAsync(DeploymentRecord record, RunningJob job)
    {
        switch (record.Spec.UpgradeStrategy)
        {
            case UpgradeStrategy.None:
                if (!job.UpgradeDeferredNoted)
                {
                    job.UpgradeDeferredNoted = true;
                    events.Add(record.Id, EventKind.SpecChange, "The spec changed; the upgrade strategy NONE keeps the running job.");
                }

                Observe(record, job);
                return;
            case UpgradeStrategy.Stateless:
                events.Add(record.Id, EventKind.SpecChange, "Upgrading (STATELESS): cancelling the job and starting the new spec without state.");
                job.Stopping = true;
                await job.Client.CancelAsync().ConfigureAwait(false);
                await RemoveAsync(record.Id, job).ConfigureAwait(false);
                await StartAsync(record, RestoreStrategy.None, null).ConfigureAwait(false);
                return;
            default:
                if (job.Client.Status != JobStatus.Running)
                {
                    Observe(record, job); // wait until the job runs, so it can take the savepoint
                    return;
                }

                events.Add(record.Id, EventKind.SpecChange, "Upgrading (STATEFUL): stopping the job with a savepoint, then starting the new spec from it.");
                job.Stopping = true;
                string? path = null;
                try
                {
                    using var timeout = new CancellationTokenSource(SavepointTimeout);
                    path = await job.Client.StopWithSavepointAsync(null, timeout.Token).ConfigureAwait(false);
                    Register(record.Id, await DirectoryCheckpointStorage.LoadAsync(path, CancellationToken.None).ConfigureAwait(false), SavepointOrigin.Upgrade);
                }
                catch (Exception ex) when (ex is SluiceException or OperationCanceledException or IOException)
                {
                    events.Add(record.Id, EventKind.Failure, "The upgrade savepoint failed; the new spec starts from the latest checkpoint.", ex);
                    await job.Client.CancelAsync().ConfigureAwait(false);
                }

                await RemoveAsync(record.Id, job).ConfigureAwait(false);
                await StartAsync(record, RestoreStrategy.LatestState, path).ConfigureAwait(false);
                return;
        }
    }

    private async Task SuspendAsync(DeploymentRecord record, RunningJob job)
    {
        job.Stopping = true;
        string reason;
        if (job.Client.Status == JobStatus.Running)
        {
            try
            {
                using var timeout = new CancellationTokenSource(SavepointTimeout);
                var path = await job.Client.StopWithSavepointAsync(null, timeout.Token).ConfigureAwait(false);
                var savepoint = Register(record.Id, await DirectoryCheckpointStorage.LoadAsync(path, CancellationToken.None).ConfigureAwait(false),
                    SavepointOrigin.Suspend);
                reason = $"Stopped with savepoint {savepoint.Id} at {path}.";
            }
            catch (Exception ex) when (ex is SluiceException or OperationCanceledException or IOException)
            {
                var result = job.Client.Completion.IsCompleted ? await job.Client.Completion.ConfigureAwait(false) : await job.Client.CancelAsync().ConfigureAwait(false);
                reason = result.Status == JobStatus.Finished
                    ? "The job finished before the savepoint."
                    : "The savepoint failed, so the job was cancelled; resuming uses its latest checkpoint.";
                if (result.Status != JobStatus.Finished)
                {
                    events.Add(record.Id, EventKind.Failure, "The suspend savepoint failed.", ex);
                }
            }
        }
        else
        {
            await job.Client.CancelAsync().ConfigureAwait(false);
            reason = "The job was not running, so it was cancelled without a savepoint; resuming uses its latest checkpoint.";
        }

        await RemoveAsync(record.Id, job).ConfigureAwait(false);
        SetPhase(record, DeploymentPhase.Suspended, reason);
    }

    private async Task OnJobEndedAsync(DeploymentRecord record, RunningJob job)
    {
        JobResult result;
        try
        {
            result = await job.Client.Completion.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A crashed job runner is reported like a failed job.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result = new JobResult(JobStatus.Failed, ex, 0, null, null);
        }

        await RemoveAsync(record.Id, job).ConfigureAwait(false);
        switch (result.Status)
        {
            case JobStatus.Finished:
                SetPhase(record, DeploymentPhase.Finished, "The job's input ended and all its output is committed.", result.Restarts);
                break;
            case JobStatus.Failed:
                await RetainCheckpointAsync(record.Id, job).ConfigureAwait(false);
                var failure = result.Failure ?? new JobException("The job failed.");
                var message = "The job failed: " + failure.Message;
                if (failure is CheckpointException { Domain: ErrorDomain.User } && !job.Spec.AllowNonRestoredState)
                {
                    message = "The job could not restore its state: " + failure.Message
                        + " To start without the state of operators the script no longer has, set allowNonRestoredState to true.";
                }

                events.Add(record.Id, EventKind.Failure, message, failure);
                SetPhase(record, DeploymentPhase.Failed, message, result.Restarts);
                break;
            case JobStatus.Stopped:
                SetPhase(record, DeploymentPhase.Suspended, $"The job stopped with savepoint {result.SavepointPath}.", result.Restarts);
                break;
            default:
                SetPhase(record, DeploymentPhase.Cancelled, "The job was cancelled.", result.Restarts);
                break;
        }
    }

    private async Task RemoveAsync(string id, RunningJob job)
    {
        _jobs.TryRemove(new KeyValuePair<string, RunningJob>(id, job));
        await job.Client.DisposeAsync().ConfigureAwait(false);
        StoreCheckpoints(id, job);
    }

    private void StoreCheckpoints(string id, RunningJob job)
    {
        var stats = job.TakeNewCheckpoints();
        if (stats.Count > 0)
        {
            store.AppendCheckpoints(id, [.. stats.Select(s => new CheckpointResponse(s.CheckpointId,
                s.Kind == CheckpointKind.Savepoint ? CheckpointType.Savepoint : CheckpointType.Checkpoint,
                s.Completed ? CheckpointStatus.Completed : CheckpointStatus.Failed, s.TriggeredAt, s.Duration.TotalMilliseconds, s.Bytes,
                secrets.RedactOrNull(s.Failure)))]);
        }
    }

    /// <summary>Keeps the latest checkpoint of an ended job as a savepoint (a copy, so retention cannot delete it).</summary>
    private async Task RetainCheckpointAsync(string id, RunningJob job)
    {
        var latest = job.Client.LatestCheckpoint;
        if (latest is null || latest.Kind != CheckpointKind.Checkpoint || !Directory.Exists(latest.Path))
        {
            return;
        }

        var target = Path.Combine(job.Storage.SavepointDirectory,
            $"savepoint-{latest.CheckpointId}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}");
        try
        {
            CopyDirectory(latest.Path, target);
            Register(id, await DirectoryCheckpointStorage.LoadAsync(target, CancellationToken.None).ConfigureAwait(false), SavepointOrigin.RetainedCheckpoint);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SluiceException)
        {
            events.Add(id, EventKind.Failure, $"Checkpoint {latest.CheckpointId} could not be retained as a savepoint.", ex);
        }
    }

    private SavepointResponse Register(string deploymentId, CheckpointMetadata savepoint, SavepointOrigin origin)
    {
        var response = new SavepointResponse(RandomNumberGenerator.GetHexString(12, lowercase: true), deploymentId, savepoint.CheckpointId, origin,
            savepoint.Path, time.GetUtcNow());
        store.InsertSavepoint(response);
        events.Add(deploymentId, EventKind.Savepoint, $"Savepoint {response.Id} ({MetadataStore.EnumText(origin)}) of checkpoint {savepoint.CheckpointId} at {savepoint.Path}.");
        return response;
    }

    private void SetPhase(DeploymentRecord seen, DeploymentPhase phase, string? reason, int? restarts = null)
    {
        var redacted = secrets.RedactOrNull(reason);
        var now = time.GetUtcNow();
        var updated = store.UpdateDeployment(seen.Id, current => current with
        {
            Phase = phase,
            Reason = redacted,
            Restarts = restarts ?? (phase == DeploymentPhase.Starting ? 0 : current.Restarts),
            StatusUpdatedAt = phase != current.Phase || redacted != current.Reason ? now : current.StatusUpdatedAt,
            ReconciledGeneration = seen.Generation,
        });
        if (updated is not null && phase != seen.Phase)
        {
            events.Add(seen.Id, EventKind.StateChange, $"{MetadataStore.EnumText(seen.Phase)} -> {MetadataStore.EnumText(phase)}: {redacted}");
        }
    }

    private static void DeleteCheckpoints(DirectoryCheckpointStorage storage)
    {
        if (!Directory.Exists(storage.RootDirectory))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(storage.RootDirectory, "chk-*"))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            CopyDirectory(folder, Path.Combine(target, Path.GetFileName(folder)));
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "A reconciliation pass failed: {Detail}")]
    private static partial void LogPassFailed(ILogger logger, string detail);
}
