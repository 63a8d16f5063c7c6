using System.Collections.Concurrent;
using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Files.Partitions;

/// <summary>
/// The two-phase-commit sink of a partitioned <c>filesystem</c> table: rows go to the part files of their partition's
/// folder <c>k1=v1/k2=v2/</c> under the table's folder, without their partition columns (as in Flink).
/// </summary>
/// <remarks>
/// <para><b>Files.</b> Each partition's files follow the protocol of <see cref="Sink.TransactionalFileSink"/>: hidden
/// in-progress and pending files ('.' first), renamed visible when the checkpoint that pre-committed them completes;
/// after a restore, files of the restored checkpoint are committed again (idempotent) and every other attempt's hidden
/// files in any partition are deleted.</para>
/// <para><b>Partition commit.</b> One <see cref="PartitionCommitCoordinator"/> per attempt, shared by the subtasks, commits
/// a written partition once every writer's files of it are visible (every subtask committed the checkpoints holding
/// them) and its trigger fired: <c>process-time</c> when the processing time reaches its first write plus the delay,
/// <c>partition-time</c> when the writers' watermark (their minimum) passes the partition's time plus the delay; at the
/// end of a bounded input every partition is committed. Committing writes the success file (policy
/// <c>success-file</c>). Pending partitions are pre-committed as marks by the writers that wrote them with every
/// checkpoint until committed, so a restored job still commits them. An attempt's coordinator is dropped when its last
/// writer is disposed (or a later attempt starts), and it forgets committed partitions once no writer can still mark
/// them, so neither grows with the partitions a long job writes.</para>
/// </remarks>
public sealed class PartitionedFileSink : ISink<PartitionedFileCommittable>
{
    private readonly PartitionedFileSinkOptions _options;
    private readonly string _directory;
    private readonly ConcurrentDictionary<(string Attempt, int Subtask), PartitionTracker> _trackers = new();
    private readonly ConcurrentDictionary<string, PartitionCommitCoordinator> _coordinators = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _releasedWriters = new(StringComparer.Ordinal);

    /// <summary>Creates the sink.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public PartitionedFileSink(PartitionedFileSinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Directory, nameof(options));
        if (options.PartitionKeys.Count == 0 || options.PartitionKeys.Any(k => options.Schema.IndexOf(k) < 0))
        {
            throw new ArgumentException("The partition keys must be columns of the schema.", nameof(options));
        }

        if (options.PartitionKeys.Count == options.Schema.Count)
        {
            throw new ArgumentException("Every column is a partition column: the files would hold nothing.", nameof(options));
        }

        _options = options;
        _directory = Path.GetFullPath(options.Directory);
        CommittableSerializer = new PartitionedFileCommittableSerializer(_directory);
    }

    /// <summary>The absolute path of the table's folder.</summary>
    public string OutputDirectory => _directory;

    /// <inheritdoc />
    public ITypeSerializer<PartitionedFileCommittable> CommittableSerializer { get; }

    /// <inheritdoc />
    public ISinkWriter<PartitionedFileCommittable> CreateWriter(SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PartitionedFileSinkWriter(_directory, _options, context, Tracker(context), Coordinator(context), () => Release(context));
    }

    /// <inheritdoc />
    public ISinkCommitter<PartitionedFileCommittable> CreateCommitter(SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PartitionedFileSinkCommitter(_directory, _options, context, Tracker(context), Coordinator(context));
    }

    /// <summary>The tracker shared by the writer and the committer of one subtask in one attempt.</summary>
    private PartitionTracker Tracker(SinkContext context) => _trackers.GetOrAdd((context.AttemptId, context.SubtaskIndex), _ => new PartitionTracker());

    /// <summary>
    /// A writer was disposed: its tracker is dropped, and with the attempt's last writer the attempt's coordinator (the
    /// committers keep their own reference for the commits still to come), so a finished job's sink holds no partitions.
    /// </summary>
    private void Release(SinkContext context)
    {
        _trackers.TryRemove((context.AttemptId, context.SubtaskIndex), out _);
        var released = _releasedWriters.AddOrUpdate(context.AttemptId, 1, (_, count) => count + 1);
        if (released >= context.Parallelism)
        {
            _releasedWriters.TryRemove(context.AttemptId, out _);
            _coordinators.TryRemove(context.AttemptId, out _);
        }
    }

    /// <summary>The partition commit the sink holds for <paramref name="attemptId"/>, or null (for tests).</summary>
    internal PartitionCommitCoordinator? CoordinatorOf(string attemptId) => _coordinators.GetValueOrDefault(attemptId);

    /// <summary>The partition commit of one attempt; an earlier attempt's is dropped (attempts follow each other).</summary>
    private PartitionCommitCoordinator Coordinator(SinkContext context)
    {
        var coordinator = _coordinators.GetOrAdd(context.AttemptId, _ => new PartitionCommitCoordinator(context.Parallelism, _options.StaticOverwritePartition));
        foreach (var attempt in _coordinators.Keys)
        {
            if (attempt != context.AttemptId)
            {
                _coordinators.TryRemove(attempt, out _);
                _releasedWriters.TryRemove(attempt, out _);
            }
        }

        return coordinator;
    }
}
