using Sluice.Core.Errors;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.Runtime.Time;
using Sluice.State.Heap;
using Sluice.State.Keyed;
using Sluice.State.Operator;

namespace Sluice.Runtime.Operators;

/// <summary>
/// What an operator subtask knows about where it runs, and where it declares its state and timers.
/// State declared here is restored from the checkpoint the job started from, and captured at every checkpoint.
/// </summary>
/// <remarks><b>Threading.</b> Task thread only.</remarks>
public sealed class OperatorContext
{
    private readonly OperatorRestoreData? _restore;
    private readonly Action<Action> _postMail;
    private readonly List<ITimerServiceDriver> _timerServices = [];
    private OperatorStateStore? _operatorState;
    private ProcessingTimeService? _processingTimeService;
    private object? _keyedBackend;
    private Func<KeyGroupsSnapshot>? _snapshotKeyed;

    internal OperatorContext(string operatorId, string operatorName, int subtaskIndex, int parallelism, int maxParallelism,
        int attemptNumber, string attemptId, TimeProvider timeProvider, OperatorRestoreData? restore, Action<Action> postMail)
    {
        OperatorId = operatorId;
        OperatorName = operatorName;
        SubtaskIndex = subtaskIndex;
        Parallelism = parallelism;
        MaxParallelism = maxParallelism;
        AttemptNumber = attemptNumber;
        AttemptId = attemptId;
        TimeProvider = timeProvider;
        KeyGroupRange = KeyGroups.RangeFor(maxParallelism, parallelism, subtaskIndex);
        _restore = restore;
        _postMail = postMail;
    }

    /// <summary>The operator's stable id.</summary>
    public string OperatorId { get; }

    /// <summary>The operator's name.</summary>
    public string OperatorName { get; }

    /// <summary>This subtask's index.</summary>
    public int SubtaskIndex { get; }

    /// <summary>The operator's parallelism.</summary>
    public int Parallelism { get; }

    /// <summary>The job's max parallelism (number of key groups).</summary>
    public int MaxParallelism { get; }

    /// <summary>The key groups this subtask owns.</summary>
    public KeyGroupRange KeyGroupRange { get; }

    /// <summary>0 for the first run of the job, incremented on every restart.</summary>
    public int AttemptNumber { get; }

    /// <summary>A token unique to this run of the job.</summary>
    public string AttemptId { get; }

    /// <summary>Processing time. Never read the system clock directly.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>True when the job started from a checkpoint or savepoint.</summary>
    public bool IsRestored => _restore is not null;

    /// <summary>
    /// True when every subtask of this operator had finished in the checkpoint the job restored from: the task does not
    /// open or run the operator, and passes end of input on in its place.
    /// </summary>
    internal bool IsFinishedOnRestore => _restore?.FinishedOnRestore == true;

    /// <summary>The checkpoint the job restored from, or null.</summary>
    public long? RestoredCheckpointId => _restore?.CheckpointId;

    /// <summary>The operator's current event-time watermark.</summary>
    public long CurrentWatermark { get; internal set; } = long.MinValue;

    /// <summary>The output the operator emits to (used for timer callbacks).</summary>
    internal IOutput? Output { get; set; }

    /// <summary>
    /// Runs <paramref name="action"/> on the task thread between two batches (a mail of the task's mailbox), with the
    /// operator's output: how an operator hears back from work it started on other threads (an asynchronous call that
    /// completed). Callable from any thread; actions posted after the task ended are dropped.
    /// </summary>
    public void PostToTaskThread(Action<IOutput> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _postMail(() => action(Output ?? throw new InvalidOperationException($"Operator '{OperatorName}' has no connected output.")));
    }

    internal IReadOnlyList<ITimerServiceDriver> TimerServices => _timerServices;

    /// <summary>
    /// Processing-time callbacks that belong to no key and are not checkpointed (created on first use; needs no keyed
    /// state backend).
    /// </summary>
    public ProcessingTimeService ProcessingTimeService => _processingTimeService ??= new ProcessingTimeService(TimeProvider, _postMail, () => Output);

    /// <summary>Operator (non-keyed) state: lists redistributed on rescaling; used by sources and sinks.</summary>
    public OperatorStateStore OperatorState => _operatorState ??= _restore?.OperatorState is { } restored ? new OperatorStateStore(restored) : new OperatorStateStore();

    /// <summary>
    /// Creates this operator's keyed state backend (once), restored from the key groups this subtask owns.
    /// </summary>
    public IKeyedStateBackend<TKey> GetKeyedStateBackend<TKey>(ITypeSerializer<TKey> keySerializer, IKeyHasher<TKey> keyHasher)
        where TKey : notnull
    {
        if (_keyedBackend is not null)
        {
            return _keyedBackend as IKeyedStateBackend<TKey>
                ?? throw new StateException($"Operator '{OperatorName}' already has a keyed state backend with another key type.");
        }

        var backend = new HeapKeyedStateBackend<TKey>(KeyGroupRange, MaxParallelism, keySerializer, keyHasher, TimeProvider);
        if (_restore is not null && _restore.KeyedState.Count > 0)
        {
            backend.Restore(_restore.KeyedState);
        }

        _keyedBackend = backend;
        _snapshotKeyed = backend.Snapshot;
        return backend;
    }

    /// <summary>
    /// Creates a timer service whose timers are stored with the keyed state (call
    /// <see cref="GetKeyedStateBackend{TKey}"/> first) and delivered to <paramref name="callback"/>.
    /// </summary>
    public TimerService<TKey, TNamespace> GetTimerService<TKey, TNamespace>(string name, ITypeSerializer<TNamespace> namespaceSerializer,
        ITimerCallback<TKey, TNamespace> callback)
        where TKey : notnull
    {
        var backend = _keyedBackend as IKeyedStateBackend<TKey>
            ?? throw new StateException($"Operator '{OperatorName}' must create its keyed state backend before its timer service '{name}'.");
        var service = new TimerService<TKey, TNamespace>(backend,
            backend.GetTimerQueue(name + "/event", namespaceSerializer),
            backend.GetTimerQueue(name + "/processing", namespaceSerializer),
            callback, Output ?? throw new InvalidOperationException("The operator's output is not connected yet."),
            TimeProvider, _postMail);
        ((ITimerServiceDriver)service).ScheduleNextProcessingTimer();
        _timerServices.Add(service);
        return service;
    }

    /// <summary>Captures keyed state synchronously (null when the operator has none).</summary>
    internal KeyGroupsSnapshot? SnapshotKeyed() => _snapshotKeyed?.Invoke();

    /// <summary>Captures operator state synchronously (null when the operator declared none).</summary>
    internal OperatorStateSnapshot? SnapshotOperatorState() => _operatorState?.Snapshot();

    internal void DisposeState()
    {
        foreach (var t in _timerServices)
        {
            t.Stop();
        }

        _processingTimeService?.Stop();

        (_keyedBackend as IDisposable)?.Dispose();
    }
}
