using Sluice.Core.Errors;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.Runtime.Checkpointing;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Metrics;
using Sluice.Runtime.Operators;
using Sluice.State.Checkpoints;
using Sluice.State.Keyed;
using Sluice.State.Operator;

namespace Sluice.Runtime.Execution;

/// <summary>
/// Runs a job to its end: restores state, starts an attempt, and on a failure asks the restart strategy and
/// starts a new attempt from the latest completed checkpoint. The one place where restart policy is decided.
/// </summary>
internal sealed class JobRunner
{
    private readonly JobGraph _graph;
    private readonly JobConfig _config;
    private readonly ICheckpointStorage _storage;
    private readonly CancellationTokenSource _cancel = new();
    private JobAttempt? _current;
    private int _status = (int)JobStatus.Created;

    public JobRunner(JobGraph graph, JobConfig config)
    {
        _graph = graph;
        _config = config;
        _storage = config.CheckpointStorage ?? new InMemoryCheckpointStorage();
        Metrics = new JobMetrics(graph.Name);
        graph.Validate(config.MaxParallelism);
    }

    public JobMetrics Metrics { get; }

    public JobStatus Status => (JobStatus)Volatile.Read(ref _status);

    public JobAttempt? CurrentAttempt => Volatile.Read(ref _current);

    public CheckpointMetadata? LatestCheckpoint { get; private set; }

    public void Cancel()
    {
        _cancel.Cancel();
        CurrentAttempt?.Cancel();
    }

    public async Task<JobResult> RunAsync()
    {
        try
        {
            return await RunCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            Metrics.Dispose();
        }
    }

    private async Task<JobResult> RunCoreAsync()
    {
        var restarts = 0;
        CheckpointMetadata? restorePoint = null;
        long highestStored = 0;
        try
        {
            if (_config.RestoreFrom is { } path)
            {
                restorePoint = await _storage.LoadMetadataAsync(path, _cancel.Token).ConfigureAwait(false);
            }
            else if (_config.RestoreFromLatest)
            {
                restorePoint = await _storage.FindLatestAsync(_cancel.Token).ConfigureAwait(false);
            }

            highestStored = await _storage.HighestCheckpointIdAsync(_cancel.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return End(JobStatus.Failed, ex, restarts, null, null);
        }

        LatestCheckpoint = restorePoint;
        var nextId = Math.Max(restorePoint?.CheckpointId ?? 0, highestStored) + 1;
        var tracker = _config.RestartStrategy.CreateTracker();
        AttemptOutcome? stopAfterOpen = null;
        JobAttempt? previous = null;
        for (var attemptNumber = 0; ; attemptNumber++)
        {
            if (previous is not null)
            {
                // A checkpoint whose metadata write was in flight when the attempt ended may still complete: wait,
                // and restore from it if it did (the storage's retention may already have dropped the one before).
                await previous.Coordinator.WhenIdleAsync().ConfigureAwait(false);
                restorePoint = previous.Coordinator.LatestCompleted ?? restorePoint;
                nextId = Math.Max(nextId, previous.Coordinator.NextCheckpointId);
                LatestCheckpoint = restorePoint;
            }

            AttemptOutcome outcome;
            JobAttempt? attempt = null;
            try
            {
                var restore = restorePoint is null
                    ? new Dictionary<(string, int), OperatorRestoreData>()
                    : await ReadRestoreDataAsync(restorePoint).ConfigureAwait(false);
                _cancel.Token.ThrowIfCancellationRequested();
                attempt = new JobAttempt(_graph, _config, attemptNumber, restore, _storage, nextId, restorePoint, Metrics, stopAfterOpen);
                Volatile.Write(ref _current, attempt);
                if (_cancel.IsCancellationRequested)
                {
                    attempt.Cancel();
                }

                attempt.Start();

                // Running means every task opened (state restored) and processes input.
                await Task.WhenAny(attempt.AllOpened, attempt.Completion).ConfigureAwait(false);
                if (attempt.AllOpened.IsCompleted && !attempt.Completion.IsCompleted)
                {
                    Volatile.Write(ref _status, (int)JobStatus.Running);
                }

                outcome = await attempt.Completion.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                outcome = new AttemptOutcome(JobStatus.Cancelled, null, null);
            }
            catch (SluiceException ex) when (ex.Domain == ErrorDomain.User)
            {
                // A savepoint that does not fit the job: restarting cannot help.
                return End(JobStatus.Failed, ex, restarts, restorePoint?.CheckpointId, null);
            }
            catch (Exception ex)
            {
                outcome = new AttemptOutcome(JobStatus.Failed, ex, null);
            }

            if (attempt is not null)
            {
                previous = attempt;
                restorePoint = attempt.Coordinator.LatestCompleted ?? restorePoint;
                nextId = Math.Max(nextId, attempt.Coordinator.NextCheckpointId);
                LatestCheckpoint = restorePoint;
            }

            if (outcome.Status != JobStatus.Failed)
            {
                return End(outcome.Status, null, restarts, restorePoint?.CheckpointId, outcome.SavepointPath);
            }

            // A stop-with-savepoint that failed after its savepoint completed (e.g. a sink's commit) is finished by
            // an attempt that restores the savepoint, which commits its output, and stops.
            if (attempt?.TerminatingOutcome is { Status: JobStatus.Stopped } stopping && restorePoint?.Path == stopping.SavepointPath)
            {
                stopAfterOpen = stopping;
            }

            var delay = _cancel.IsCancellationRequested ? null : tracker.OnFailure(_config.TimeProvider.GetUtcNow());
            if (delay is null)
            {
                return End(_cancel.IsCancellationRequested ? JobStatus.Cancelled : JobStatus.Failed, outcome.Failure, restarts,
                    restorePoint?.CheckpointId, null);
            }

            Volatile.Write(ref _status, (int)JobStatus.Restarting);
            restarts++;
            Metrics.RecordRestart();
            try
            {
                await Task.Delay(delay.Value, _config.TimeProvider, _cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return End(JobStatus.Cancelled, null, restarts, restorePoint?.CheckpointId, null);
            }
        }
    }

    private JobResult End(JobStatus status, Exception? failure, int restarts, long? lastCheckpoint, string? savepoint)
    {
        Volatile.Write(ref _status, (int)status);
        return new JobResult(status, failure, restarts, lastCheckpoint, savepoint);
    }

    /// <summary>Reads the state each operator subtask restores from, matching operators by id and key groups by range.</summary>
    private async Task<Dictionary<(string, int), OperatorRestoreData>> ReadRestoreDataAsync(CheckpointMetadata metadata)
    {
        if (metadata.MaxParallelism != _config.MaxParallelism)
        {
            throw new CheckpointException(
                $"The checkpoint {metadata.Path} was taken with max parallelism {metadata.MaxParallelism}, but the job has {_config.MaxParallelism}; " +
                "the max parallelism of a job's state cannot change.", ErrorDomain.User);
        }

        var known = _graph.Vertices.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = metadata.Operators.Where(o => !known.Contains(o.OperatorId) && o.Subtasks.Any(HasState)).Select(o => o.OperatorId).ToList();
        if (unknown.Count > 0 && !_config.AllowNonRestoredState)
        {
            throw new CheckpointException(
                $"The checkpoint {metadata.Path} has state for operator(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))} that the job does not have. " +
                "Keep operator ids stable across versions, or allow non-restored state to drop it.", ErrorDomain.User);
        }

        // The job's storage reads any completed checkpoint or savepoint by its path (an in-memory storage reads a
        // savepoint folder on disk too).
        var reader = _storage;
        var cache = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        async Task<byte[]> Read(StateHandle handle)
        {
            if (!cache.TryGetValue(handle.RelativePath, out var bytes))
            {
                bytes = await reader.ReadStateAsync(metadata.Path, handle, _cancel.Token).ConfigureAwait(false);
                cache[handle.RelativePath] = bytes;
            }

            return bytes;
        }

        // FLIP-147: an operator whose every subtask finished is finished on restore, at any parallelism. Its inputs
        // must be finished too, or it would receive input again (the job graph changed).
        var finished = metadata.Operators.Where(IsFullyFinished).Select(o => o.OperatorId).ToHashSet(StringComparer.Ordinal);
        foreach (var edge in _graph.Edges)
        {
            if (finished.Contains(edge.Target.Id) && !finished.Contains(edge.Source.Id))
            {
                throw new CheckpointException(
                    $"The checkpoint {metadata.Path} holds operator '{edge.Target.Id}' as finished, but its input '{edge.Source.Id}' was not " +
                    "finished: a finished operator cannot take input again. Restore the job graph the checkpoint was taken with.",
                    ErrorDomain.User);
            }
        }

        var result = new Dictionary<(string, int), OperatorRestoreData>();
        foreach (var vertex in _graph.Vertices)
        {
            var op = metadata.Operators.FirstOrDefault(o => o.OperatorId == vertex.Id);
            if (op is null)
            {
                continue;
            }

            if (finished.Contains(vertex.Id))
            {
                for (var i = 0; i < vertex.Parallelism; i++)
                {
                    result[(vertex.Id, i)] = new OperatorRestoreData(metadata.CheckpointId, [], null, FinishedOnRestore: true);
                }

                continue;
            }

            var operatorStates = new List<OperatorStateSnapshot>();
            foreach (var s in op.Subtasks.OrderBy(s => s.SubtaskIndex))
            {
                if (s.OperatorState is { } h)
                {
                    operatorStates.Add(OperatorStateSnapshot.Read(new BinaryBufferReader(await Read(h).ConfigureAwait(false))));
                }
            }

            for (var i = 0; i < vertex.Parallelism; i++)
            {
                var range = KeyGroups.RangeFor(_config.MaxParallelism, vertex.Parallelism, i);
                var keyed = new List<KeyGroupsSnapshot>();
                foreach (var s in op.Subtasks)
                {
                    if (s.KeyedState is { } k && new KeyGroupRange(k.KeyGroupStart, k.KeyGroupEnd).Intersect(range).Count > 0)
                    {
                        keyed.Add(KeyGroupsSnapshot.Read(new BinaryBufferReader(await Read(k.Handle).ConfigureAwait(false))));
                    }
                }

                var operatorState = operatorStates.Count > 0 ? OperatorStateSnapshot.Redistribute(operatorStates, vertex.Parallelism, i) : null;
                result[(vertex.Id, i)] = new OperatorRestoreData(metadata.CheckpointId, keyed, operatorState);
            }
        }

        return result;
    }

    private static bool HasState(SubtaskSnapshotMetadata s) => s.KeyedState is not null || s.OperatorState is not null;

    /// <summary>
    /// Every subtask of the operator wrote a finished marker. (A subtask marked finished while others were not has no
    /// state to restore; its operator runs again, as in Flink.)
    /// </summary>
    private static bool IsFullyFinished(OperatorSnapshotMetadata op) =>
        op.Subtasks.Count > 0 && op.Subtasks.Count == op.Parallelism && op.Subtasks.All(s => s.Finished);
}
