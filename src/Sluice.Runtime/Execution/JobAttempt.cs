using Sluice.Core.Errors;
using Sluice.Core.Messages;
using Sluice.Runtime.Channels;
using Sluice.Runtime.Checkpointing;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Metrics;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Partitioning;
using Sluice.Runtime.Tasks;
using Sluice.State.Checkpoints;

namespace Sluice.Runtime.Execution;

/// <summary>
/// One run of a job graph: its tasks (one thread each), the channels between them and the checkpoint
/// coordinator. A failure of any task ends the whole attempt (the runner then restarts the job from the
/// latest completed checkpoint with a new attempt).
/// </summary>
internal sealed class JobAttempt : ITaskListener
{
    private readonly JobGraph _graph;
    private readonly JobConfig _config;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource<AttemptOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<StreamTask> _tasks = [];
    private readonly List<Thread> _threads = [];
    private readonly TaskCompletionSource _allOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _opened;
    private AttemptOutcome? _decided;
    private AttemptOutcome? _terminating;
    private readonly AttemptOutcome? _stopAfterOpen;
    private int _running;

    /// <param name="graph">The job.</param>
    /// <param name="config">The job's configuration.</param>
    /// <param name="attemptNumber">0 for the first attempt.</param>
    /// <param name="restore">The state each operator subtask restores.</param>
    /// <param name="storage">Where checkpoints go.</param>
    /// <param name="nextCheckpointId">The id of the first checkpoint of this attempt.</param>
    /// <param name="latestCompleted">The checkpoint the attempt restores from, if any.</param>
    /// <param name="metrics">The job's metrics.</param>
    /// <param name="stopAfterOpen">
    /// When set, the tasks open (restoring state, and committing what the restored checkpoint's sinks had
    /// pre-committed) and then stop with this outcome: how a stop-with-savepoint whose commit failed is finished.
    /// </param>
    public JobAttempt(JobGraph graph, JobConfig config, int attemptNumber, IReadOnlyDictionary<(string, int), OperatorRestoreData> restore,
        ICheckpointStorage storage, long nextCheckpointId, CheckpointMetadata? latestCompleted, JobMetrics metrics,
        AttemptOutcome? stopAfterOpen = null)
    {
        _stopAfterOpen = stopAfterOpen;
        _graph = graph;
        _config = config;
        AttemptNumber = attemptNumber;
        AttemptId = $"{attemptNumber:x}{Guid.NewGuid():N}"[..12];
        Coordinator = new CheckpointCoordinator(this, config, storage, nextCheckpointId, latestCompleted, metrics);
        Build(restore);
        metrics.Attach(this);
    }

    public string JobName => _graph.Name;

    public int AttemptNumber { get; }

    public string AttemptId { get; }

    public IReadOnlyList<StreamTask> Tasks => _tasks;

    public CheckpointCoordinator Coordinator { get; }

    public Task<AttemptOutcome> Completion => _outcome.Task;

    /// <summary>Completes when every task opened its operators (restoring their state).</summary>
    public Task AllOpened => _allOpened.Task;

    public void Start()
    {
        _running = _tasks.Count;
        for (var i = 0; i < _tasks.Count; i++)
        {
            var task = _tasks[i];
            var thread = new Thread(() =>
            {
                try
                {
                    task.Run();
                }
                finally
                {
                    if (Interlocked.Decrement(ref _running) == 0)
                    {
                        AllThreadsEnded();
                    }
                }
            })
            {
                IsBackground = true,
                Name = $"Sluice {task}",
            };
            _threads.Add(thread);
        }

        if (_stopAfterOpen is { } stop)
        {
            TerminateAll(stop);
        }

        foreach (var t in _threads)
        {
            t.Start();
        }

        if (_stopAfterOpen is null)
        {
            Coordinator.Start();
        }
    }

    /// <summary>Ends the attempt with a failure: every task is cancelled.</summary>
    public void Fail(Exception failure)
    {
        if (Decide(new AttemptOutcome(JobStatus.Failed, failure, null)))
        {
            _cancellation.Cancel();
        }
    }

    /// <summary>Cancels the attempt.</summary>
    public void Cancel()
    {
        if (Decide(new AttemptOutcome(JobStatus.Cancelled, null, null)))
        {
            _cancellation.Cancel();
        }
    }

    /// <summary>
    /// Ends the attempt normally: every task leaves its loop after its pending mails (the checkpoint-complete
    /// notifications posted before, in which sinks commit). The outcome holds only if no task fails before it
    /// left its loop; a failed commit still fails the attempt, so the job restarts and commits on restore.
    /// </summary>
    public void TerminateAll(AttemptOutcome outcome)
    {
        if (Interlocked.CompareExchange(ref _terminating, outcome, null) is not null)
        {
            return;
        }

        foreach (var task in _tasks)
        {
            task.Mailbox.Post(task.Terminate);
        }
    }

    /// <summary>The outcome the attempt was terminating with (Finished or Stopped), even if it then failed.</summary>
    public AttemptOutcome? TerminatingOutcome => Volatile.Read(ref _terminating);

    void ITaskListener.SnapshotTaken(StreamTask task, CheckpointBarrier barrier, IReadOnlyList<OperatorCapture> captures, TimeSpan alignment) =>
        Coordinator.OnSnapshotTaken(task, barrier, captures, alignment);

    void ITaskListener.TaskOpened(StreamTask task)
    {
        if (Interlocked.Increment(ref _opened) == _tasks.Count)
        {
            _allOpened.TrySetResult();
        }
    }

    void ITaskListener.TaskFinished(StreamTask task) => Coordinator.OnTaskFinished();

    void ITaskListener.TaskFailed(StreamTask task, Exception failure) => Fail(failure);

    void ITaskListener.CheckpointAbandoned(StreamTask task, long checkpointId) => Coordinator.OnCheckpointAbandoned(checkpointId);

    private bool Decide(AttemptOutcome outcome) => Interlocked.CompareExchange(ref _decided, outcome, null) is null;

    private void AllThreadsEnded()
    {
        Coordinator.Dispose();
        var outcome = Volatile.Read(ref _decided)
            ?? Volatile.Read(ref _terminating)
            ?? new AttemptOutcome(JobStatus.Failed, new JobException("Every task ended without the job finishing.", ErrorDomain.Internal), null);
        _cancellation.Dispose();
        _outcome.TrySetResult(outcome);
    }

    private void Build(IReadOnlyDictionary<(string, int), OperatorRestoreData> restore)
    {
        _graph.Validate(_config.MaxParallelism);
        var chains = BuildChains();
        var headOf = new Dictionary<JobVertex, List<JobVertex>>();
        foreach (var chain in chains)
        {
            headOf[chain[0]] = chain;
        }

        var signals = chains.ToDictionary(c => c[0], c => Enumerable.Range(0, c[0].Parallelism).Select(_ => new Signal()).ToArray());
        var tailToChain = chains.ToDictionary(c => c[^1], c => c);

        // Channels for every edge between chains: channels[edge][producer][consumer].
        var interEdges = _graph.Edges.Where(e => headOf.ContainsKey(e.Target) && headOf[e.Target] != ChainOf(chains, e.Source)).ToList();
        var channels = new Dictionary<JobEdge, LocalChannel?[,]>();
        foreach (var e in interEdges)
        {
            var producers = e.Source.Parallelism;
            var consumers = e.Target.Parallelism;
            var producerSignals = signals[ChainOf(chains, e.Source)[0]];
            var matrix = new LocalChannel?[producers, consumers];
            for (var p = 0; p < producers; p++)
            {
                for (var c = 0; c < consumers; c++)
                {
                    if (e.Partitioner != PartitionerKind.Forward || p == c)
                    {
                        matrix[p, c] = new LocalChannel(_config.ChannelCapacity, signals[e.Target][c], producerSignals[p]);
                    }
                }
            }

            channels[e] = matrix;
        }

        foreach (var chain in chains)
        {
            var head = chain[0];
            var tail = chain[^1];
            var inputEdges = interEdges.Where(e => e.Target == head).ToList();
            var outputEdges = interEdges.Where(e => e.Source == tail).ToList();
            for (var i = 0; i < head.Parallelism; i++)
            {
                var inputs = new List<LocalChannel>();
                var inputIndexOf = new List<int>();
                foreach (var e in inputEdges)
                {
                    var m = channels[e];
                    for (var p = 0; p < e.Source.Parallelism; p++)
                    {
                        if (m[p, i] is { } ch)
                        {
                            inputs.Add(ch);
                            inputIndexOf.Add(e.TargetInput);
                        }
                    }
                }

                var writers = outputEdges.Select(e =>
                {
                    var m = channels[e];
                    var targets = e.Partitioner == PartitionerKind.Forward
                        ? [m[i, i]!]
                        : Enumerable.Range(0, e.Target.Parallelism).Select(c => m[i, c]!).ToArray();
                    return new RecordWriter(e.Partitioner, targets, e.KeySelector, _config.MaxParallelism, i, _cancellation.Token);
                }).ToArray();

                StreamTask? task = null;
                var nodes = new ChainNode[chain.Count];
                for (var k = 0; k < chain.Count; k++)
                {
                    var v = chain[k];
                    ChainNode? self = null;

                    // Mails an operator posts (processing-time timers) fail in its name, like its batches do.
                    void Post(Action mail) => task!.Mailbox.Post(() => self!.Guard(_ => mail()));
                    self = new ChainNode(v.Factory(), new OperatorContext(v.Id, v.Name, i, v.Parallelism,
                        _config.MaxParallelism, AttemptNumber, AttemptId, _config.TimeProvider, restore.GetValueOrDefault((v.Id, i)), Post));
                    nodes[k] = self;
                }

                for (var k = 0; k < nodes.Length - 1; k++)
                {
                    nodes[k].Output = new ChainingOutput(nodes[k], nodes[k + 1]);
                }

                var output = new TaskOutput(nodes[^1], writers);
                nodes[^1].Output = output;
                foreach (var node in nodes)
                {
                    node.Context.Output = node.Output;
                }

                task = new StreamTask(string.Join(" -> ", chain.Select(v => v.Name)), i, nodes, [.. inputs], [.. inputIndexOf], output,
                    signals[head][i], this, _config.CheckpointingMode == CheckpointingMode.ExactlyOnce, _config.AutoWatermarkInterval,
                    _cancellation.Token);
                _tasks.Add(task);
            }
        }
    }

    private static List<JobVertex> ChainOf(List<List<JobVertex>> chains, JobVertex v) => chains.First(c => c.Contains(v));

    private List<List<JobVertex>> BuildChains()
    {
        var chains = new List<List<JobVertex>>();
        var chainOf = new Dictionary<JobVertex, List<JobVertex>>();
        foreach (var v in _graph.TopologicalOrder())
        {
            var inputs = _graph.InputsOf(v).ToList();
            if (_config.ChainingEnabled && inputs.Count == 1 && IsChainable(inputs[0]))
            {
                var chain = chainOf[inputs[0].Source];
                chain.Add(v);
                chainOf[v] = chain;
            }
            else
            {
                var chain = new List<JobVertex> { v };
                chains.Add(chain);
                chainOf[v] = chain;
            }
        }

        return chains;
    }

    private bool IsChainable(JobEdge e) =>
        e.Partitioner == PartitionerKind.Forward
        && e.Source.Parallelism == e.Target.Parallelism
        && _graph.OutputsOf(e.Source).Count() == 1
        && !e.Target.IsSource;
}
