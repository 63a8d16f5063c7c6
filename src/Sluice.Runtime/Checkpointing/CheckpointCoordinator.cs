using System.Diagnostics;
using Sluice.Core.Errors;
using Sluice.Core.Messages;
using Sluice.Core.Serialization;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Metrics;
using Sluice.Runtime.Tasks;
using Sluice.State.Checkpoints;

namespace Sluice.Runtime.Checkpointing;

/// <summary>
/// Drives asynchronous barrier snapshotting for one job attempt: triggers checkpoints (periodically, on
/// request, and a final one when every task finished), collects the tasks' acknowledgements, writes the
/// metadata atomically, and notifies the tasks of completion so sinks commit.
/// </summary>
/// <remarks>
/// <b>Threading.</b> Called from the trigger timer, task threads (acknowledgements arrive from the
/// asynchronous write tasks) and user threads; its bookkeeping is guarded by one lock, which is never held
/// while a task runs or while I/O happens. It is off the data path: tasks never wait for it.
/// One checkpoint is in flight at a time; savepoint requests queue behind it, periodic triggers are skipped.
/// </remarks>
internal sealed class CheckpointCoordinator : IDisposable
{
    private readonly object _lock = new();
    private readonly JobAttempt _attempt;
    private readonly JobConfig _config;
    private readonly ICheckpointStorage _storage;
    private readonly JobMetrics _metrics;
    private readonly Queue<Request> _queued = new();
    private Pending? _pending;
    private ITimer? _periodic;
    private int _consecutiveFailures;
    private int _finishedTasks;
    private bool _stopping;
    private bool _disposed;
    private Task _completing = Task.CompletedTask;

    public CheckpointCoordinator(JobAttempt attempt, JobConfig config, ICheckpointStorage storage, long nextCheckpointId,
        CheckpointMetadata? latestCompleted, JobMetrics metrics)
    {
        _attempt = attempt;
        _config = config;
        _storage = storage;
        NextCheckpointId = nextCheckpointId;
        LatestCompleted = latestCompleted;
        _metrics = metrics;
    }

    /// <summary>The id the next checkpoint will get.</summary>
    public long NextCheckpointId { get; private set; }

    /// <summary>The latest completed checkpoint or savepoint (including ones from earlier attempts).</summary>
    public CheckpointMetadata? LatestCompleted { get; private set; }

    public void Start()
    {
        if (_config.CheckpointInterval is { } interval)
        {
            _periodic = _config.TimeProvider.CreateTimer(_ => Trigger(new Request(CheckpointKind.Checkpoint, null, false, false, true)),
                null, interval, interval);
        }
    }

    /// <summary>Requests a checkpoint or savepoint; completes when it is complete (or faults when it fails).</summary>
    public Task<CheckpointMetadata> TriggerAsync(CheckpointKind kind, string? savepointDirectory, bool thenStop)
    {
        var request = new Request(kind, savepointDirectory, thenStop, Final: false, Periodic: false);
        Trigger(request);
        return request.Completion.Task;
    }

    public void OnTaskFinished()
    {
        lock (_lock)
        {
            if (++_finishedTasks < _attempt.Tasks.Count)
            {
                return;
            }
        }

        Trigger(new Request(CheckpointKind.Checkpoint, null, false, Final: true, Periodic: false));
    }

    /// <summary>A task captured its state: write it out asynchronously, then acknowledge.</summary>
    public void OnSnapshotTaken(StreamTask task, CheckpointBarrier barrier, IReadOnlyList<OperatorCapture> captures, TimeSpan alignment)
    {
        CheckpointLocation location;
        lock (_lock)
        {
            if (_pending is null || _pending.Id != barrier.Id)
            {
                return;
            }

            location = _pending.Location;
        }

        _metrics.RecordAlignment(alignment);
        _ = Task.Run(() => WriteAndAcknowledgeAsync(task, barrier.Id, location, captures));
    }

    public void OnCheckpointAbandoned(long checkpointId) =>
        Fail(checkpointId, new CheckpointException($"Checkpoint {checkpointId} was overtaken by a newer barrier."));

    /// <summary>Completes when no checkpoint completion is in flight (the latest completed checkpoint is then final).</summary>
    public Task WhenIdleAsync()
    {
        lock (_lock)
        {
            return _completing;
        }
    }

    public void Dispose()
    {
        Pending? pending;
        List<Request> queued;
        lock (_lock)
        {
            _disposed = true;
            _periodic?.Dispose();
            pending = _pending;
            _pending = null;
            queued = [.. _queued];
            _queued.Clear();
        }

        if (pending is not null && !pending.Completing)
        {
            pending.Timeout?.Dispose();
            pending.Request.Completion.TrySetException(new CheckpointException($"Checkpoint {pending.Id} was cancelled: the job attempt ended."));
            AbortInBackground(pending.Location);
        }

        foreach (var r in queued)
        {
            r.Completion.TrySetException(new CheckpointException("The checkpoint request was cancelled: the job attempt ended."));
        }
    }

    private void Trigger(Request request)
    {
        Pending pending;
        CheckpointException? initFailure = null;
        var failJob = false;
        long id;
        lock (_lock)
        {
            if (_disposed || _stopping)
            {
                request.Completion.TrySetException(new CheckpointException("The job is stopping; no more checkpoints are taken."));
                return;
            }

            if (_pending is not null)
            {
                if (!request.Periodic)
                {
                    _queued.Enqueue(request);
                }

                return;
            }

            if (request.Periodic && _finishedTasks == _attempt.Tasks.Count)
            {
                return;
            }

            id = NextCheckpointId++;
            CheckpointLocation location = default!;
            try
            {
                location = _storage.InitializeLocation(id, request.Kind, request.SavepointDirectory ?? _config.SavepointDirectory);
            }
            catch (Exception ex)
            {
                initFailure = new CheckpointException($"Could not prepare checkpoint {id}: {ex.Message}", ErrorDomain.External, ex);
                _consecutiveFailures++;
                failJob = _consecutiveFailures > _config.TolerableCheckpointFailures;
            }

            if (initFailure is not null)
            {
                pending = null!;
            }
            else
            {
                if (request.ThenStop || request.Final)
                {
                    _stopping = true;
                }

                pending = new Pending(id, request, location, [.. _attempt.Tasks], Stopwatch.GetTimestamp(), _config.TimeProvider.GetUtcNow());
                _pending = pending;
                pending.Timeout = _config.TimeProvider.CreateTimer(
                    _ => Fail(id, new CheckpointException($"Checkpoint {id} did not complete within {_config.CheckpointTimeout}.")),
                    null, _config.CheckpointTimeout, Timeout.InfiniteTimeSpan);
            }
        }

        if (initFailure is not null)
        {
            OnInitializeFailed(id, request, initFailure, failJob);
            return;
        }

        var barrier = new CheckpointBarrier(pending.Id, _config.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
            new CheckpointOptions(request.Kind, request.ThenStop));

        // Chains whose every subtask already finished write finished markers instead of their state (FLIP-147). A task
        // that finishes after this point still snapshots its state: only operators that are really done are marked.
        var finishedChains = _attempt.Tasks.GroupBy(t => t.HeadOperatorId, StringComparer.Ordinal)
            .Where(g => g.All(t => t.IsFinished))
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var task in _attempt.Tasks)
        {
            var chainFinished = finishedChains.Contains(task.HeadOperatorId);
            task.Mailbox.Post(() => task.TriggerCheckpoint(barrier, chainFinished));
        }
    }

    private void OnInitializeFailed(long id, Request request, CheckpointException initFailure, bool failJob)
    {
        // Preparing the location failed (e.g. the storage is not writable): a checkpoint failure like any other.
        // A final checkpoint is retried with the next id unless too many failed, so a finished job never waits forever.
        _metrics.RecordCheckpointFailure(id, request.Kind, _config.TimeProvider.GetUtcNow(), TimeSpan.Zero, initFailure.Message);
        request.Completion.TrySetException(initFailure);
        if (failJob)
        {
            _attempt.Fail(new CheckpointException(
                $"{_consecutiveFailures} consecutive checkpoint failure(s) exceed the tolerable {_config.TolerableCheckpointFailures}: {initFailure.Message}",
                initFailure.Domain, initFailure));
        }
        else if (request.Final)
        {
            Trigger(request with { Completion = new TaskCompletionSource<CheckpointMetadata>(TaskCreationOptions.RunContinuationsAsynchronously) });
        }

    }

    private async Task WriteAndAcknowledgeAsync(StreamTask task, long id, CheckpointLocation location, IReadOnlyList<OperatorCapture> captures)
    {
        try
        {
            var states = new List<(string OperatorId, int Parallelism, SubtaskSnapshotMetadata Subtask, long Bytes)>(captures.Count);
            foreach (var c in captures)
            {
                long bytes = 0;
                KeyedStateHandle? keyed = null;
                StateHandle? operatorState = null;
                var fileBase = $"{FileNames.Sanitize(c.OperatorId)}-{c.SubtaskIndex}";
                if (c.KeyedState is { } ks)
                {
                    // Written in parts with the envelope's CRC: the state's bytes are neither copied nor read twice.
                    var (header, data, trailer, crc) = ks.Envelope();
                    var handle = await _storage.WriteStateAsync(location, fileBase + ".keyed", [header, data, trailer], crc, CancellationToken.None)
                        .ConfigureAwait(false);
                    keyed = new KeyedStateHandle(ks.Range.Start, ks.Range.End, handle);
                    bytes += handle.Length;
                }

                if (c.OperatorState is { } os)
                {
                    using var writer = new BinaryBufferWriter();
                    os.Write(writer);
                    operatorState = await _storage.WriteStateAsync(location, fileBase + ".operator", writer.WrittenMemory, CancellationToken.None)
                        .ConfigureAwait(false);
                    bytes += operatorState.Length;
                }

                states.Add((c.OperatorId, c.Parallelism, new SubtaskSnapshotMetadata(c.SubtaskIndex, keyed, operatorState, c.Finished), bytes));
            }

            await AcknowledgeAsync(task, id, states).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail(id, new CheckpointException($"Task {task} could not write its state for checkpoint {id}: {ex.Message}", ErrorDomain.External, ex));
        }
    }

    private async Task AcknowledgeAsync(StreamTask task, long id, List<(string OperatorId, int Parallelism, SubtaskSnapshotMetadata Subtask, long Bytes)> states)
    {
        Pending pending;
        TaskCompletionSource done;
        lock (_lock)
        {
            if (_pending is null || _pending.Id != id || !_pending.Awaiting.Remove(task))
            {
                return;
            }

            _pending.States.AddRange(states);
            if (_pending.Awaiting.Count > 0)
            {
                return;
            }

            // From here on the metadata write decides: no timeout or attempt end may abort the checkpoint while
            // the storage may be completing it (and dropping older checkpoints by retention).
            pending = _pending;
            pending.Completing = true;
            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _completing = done.Task;
        }

        try
        {
            await CompleteAsync(pending).ConfigureAwait(false);
        }
        finally
        {
            done.SetResult();
        }
    }

    private async Task CompleteAsync(Pending pending)
    {
        var operators = pending.States
            .GroupBy(s => s.OperatorId)
            .Select(g => new OperatorSnapshotMetadata(g.Key, g.First().Parallelism,
                g.Select(s => s.Subtask).OrderBy(s => s.SubtaskIndex).ToList()))
            .OrderBy(o => o.OperatorId, StringComparer.Ordinal)
            .ToList();
        var metadata = new CheckpointMetadata(pending.Id, pending.Request.Kind, _config.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
            _attempt.JobName, _config.MaxParallelism, operators, new Dictionary<string, string>());
        try
        {
            await _storage.CompleteAsync(pending.Location, metadata, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail(pending.Id, new CheckpointException($"Could not complete checkpoint {pending.Id}: {ex.Message}", ErrorDomain.External, ex),
                completing: true);
            return;
        }

        var completed = metadata with { Path = pending.Location.Path };
        lock (_lock)
        {
            // Complete in the storage, so it is the job's latest checkpoint even if the attempt ended meanwhile.
            LatestCompleted = completed;
            _consecutiveFailures = 0;
            pending.Timeout?.Dispose();
            if (_pending != pending)
            {
                // The attempt ended: the tasks are gone; sinks commit when the next attempt restores it.
                pending.Request.Completion.TrySetResult(completed);
                return;
            }

            _pending = null;
        }

        _metrics.RecordCheckpoint(pending.Id, pending.Request.Kind, pending.TriggeredAt, Stopwatch.GetElapsedTime(pending.StartTicks),
            pending.States.Sum(s => s.Bytes));
        foreach (var task in _attempt.Tasks)
        {
            task.Mailbox.Post(() => task.NotifyCheckpointComplete(pending.Id));
        }

        pending.Request.Completion.TrySetResult(completed);
        if (pending.Request.ThenStop)
        {
            _attempt.TerminateAll(new AttemptOutcome(JobStatus.Stopped, null, completed.Path));
        }
        else if (pending.Request.Final)
        {
            _attempt.TerminateAll(new AttemptOutcome(JobStatus.Finished, null, null));
        }
        else
        {
            TriggerQueued();
        }
    }

    /// <param name="id">The checkpoint.</param>
    /// <param name="failure">Why it failed.</param>
    /// <param name="completing">True when the failure is the metadata write's own.</param>
    private void Fail(long id, CheckpointException failure, bool completing = false)
    {
        Pending pending;
        bool failJob;
        lock (_lock)
        {
            if (_pending is null || _pending.Id != id)
            {
                return;
            }

            pending = _pending;
            _pending = null;
            pending.Timeout?.Dispose();
            if (pending.Request.ThenStop || pending.Request.Final)
            {
                _stopping = false;
            }

            _consecutiveFailures++;
            failJob = _consecutiveFailures > _config.TolerableCheckpointFailures;
        }

        _metrics.RecordCheckpointFailure(pending.Id, pending.Request.Kind, pending.TriggeredAt, Stopwatch.GetElapsedTime(pending.StartTicks),
            failure.Message);
        if (!pending.Completing || completing)
        {
            // A checkpoint whose metadata write is still in flight is left to the storage: if the write lands,
            // the checkpoint is complete (and becomes the latest, see CompleteAsync); aborting it could race.
            AbortInBackground(pending.Location);
        }
        pending.Request.Completion.TrySetException(failure);
        if (failJob)
        {
            _attempt.Fail(new CheckpointException(
                $"{_consecutiveFailures} consecutive checkpoint failure(s) exceed the tolerable {_config.TolerableCheckpointFailures}: {failure.Message}",
                failure.Domain, failure));
            return;
        }

        if (pending.Request.Final)
        {
            Trigger(pending.Request with { Completion = new TaskCompletionSource<CheckpointMetadata>(TaskCreationOptions.RunContinuationsAsynchronously) });
            return;
        }

        TriggerQueued();
    }

    /// <summary>
    /// Discards an aborted checkpoint's files. Best effort: asynchronous writes of other tasks may still be
    /// landing in the folder; what stays behind is incomplete (no metadata) and removed by the storage's retention.
    /// </summary>
    private void AbortInBackground(CheckpointLocation location) => _ = Task.Run(async () =>
    {
        try
        {
            await _storage.AbortAsync(location, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Left for retention.
        }
    });

    private void TriggerQueued()
    {
        Request? next;
        lock (_lock)
        {
            if (!_queued.TryDequeue(out next))
            {
                return;
            }
        }

        Trigger(next);
    }

    private sealed record Request(CheckpointKind Kind, string? SavepointDirectory, bool ThenStop, bool Final, bool Periodic)
    {
        public TaskCompletionSource<CheckpointMetadata> Completion { get; init; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Pending(long id, Request request, CheckpointLocation location, HashSet<StreamTask> awaiting, long startTicks,
        DateTimeOffset triggeredAt)
    {
        public long Id { get; } = id;

        public Request Request { get; } = request;

        public CheckpointLocation Location { get; } = location;

        public HashSet<StreamTask> Awaiting { get; } = awaiting;

        public long StartTicks { get; } = startTicks;

        public DateTimeOffset TriggeredAt { get; } = triggeredAt;

        public List<(string OperatorId, int Parallelism, SubtaskSnapshotMetadata Subtask, long Bytes)> States { get; } = [];

        public ITimer? Timeout { get; set; }

        /// <summary>Every task acknowledged; the metadata write is in flight.</summary>
        public bool Completing { get; set; }
    }
}
