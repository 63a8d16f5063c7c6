namespace Sluice.Connectors.Files.Partitions;

/// <summary>
/// The single partition commit of one attempt of a <see cref="PartitionedFileSink"/>, shared by all its subtasks (as
/// Flink's partition committer, one operator after the writers): gathers the partitions the writers wrote (their
/// marks, handed over when a writer's checkpoint is committed) and the writers' progress, and commits a partition once,
/// when every writer has committed the checkpoints that hold data of it and its trigger fired.
/// </summary>
/// <remarks>
/// <para><b>Rounds.</b> A writer's committer reports each checkpoint it committed (after renaming its files). Round
/// <i>n</i> is complete when every subtask reported <i>n</i> or later: then every file of checkpoints up to <i>n</i> is
/// visible, and the pending partitions whose data lies in those checkpoints are committed if their trigger fired (the
/// watermark of the partition-time trigger is the minimum over the writers, as an operator after them would see; at the
/// end of every writer's input every such partition is committed). The commit runs on the thread of the subtask that
/// completed the round.</para>
/// <para><b>State.</b> The coordinator keeps nothing a checkpoint needs: each writer pre-commits the marks of the
/// partitions it wrote until they are committed, and a restored job's subtask 0 adopts the restored marks.</para>
/// <para><b>Bounded memory.</b> A committed partition is remembered (so that writers stop marking it and marks still in
/// flight are ignored) only until no writer can still hold or send a mark of that commit: every writer pre-committed a
/// checkpoint after the commit (it then saw the commit and forgot the partition) and committed every checkpoint
/// pre-committed before it (its marks were delivered). So a long-running job that writes a new partition every hour
/// keeps a few entries, not one per partition ever written.</para>
/// <para><b>Threading.</b> Called by the sink tasks of every subtask; one lock, never held during file I/O.</para>
/// </remarks>
internal sealed class PartitionCommitCoordinator
{
    private readonly Lock _lock = new();
    private readonly long[] _reported;
    private readonly long[] _watermarks;
    private readonly bool[] _ended;
    private readonly long[] _preCommitted;
    private readonly Dictionary<string, (long Created, long DataCheckpoint)> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Round, long Horizon)> _committedAt = new(StringComparer.Ordinal);
    private long _round = long.MinValue;
    private bool _endSeen;
    private bool _watchedDelivered;

    /// <summary>Creates the coordinator of <paramref name="parallelism"/> writers.</summary>
    /// <param name="parallelism">The number of writers.</param>
    /// <param name="watched">A partition whose emptiness at the end matters (a static <c>INSERT OVERWRITE</c>), or null.</param>
    public PartitionCommitCoordinator(int parallelism, string? watched = null)
    {
        Watched = watched;
        _reported = new long[Math.Max(1, parallelism)];
        _watermarks = new long[_reported.Length];
        _ended = new bool[_reported.Length];
        _preCommitted = new long[_reported.Length];
        Array.Fill(_reported, long.MinValue);
        Array.Fill(_preCommitted, long.MinValue);
        Array.Fill(_watermarks, long.MinValue);
    }

    /// <summary>
    /// A writer's mark: <paramref name="partition"/> holds its data up to <paramref name="dataCheckpoint"/>; ignored when
    /// the partition was committed at a round covering that data.
    /// </summary>
    public void Deliver(string partition, long createdMillis, long dataCheckpoint)
    {
        lock (_lock)
        {
            _watchedDelivered |= string.Equals(partition, Watched, StringComparison.Ordinal);
            if (_committedAt.TryGetValue(partition, out var committed) && committed.Round >= dataCheckpoint)
            {
                return;
            }

            _pending[partition] = _pending.TryGetValue(partition, out var existing)
                ? (Math.Min(existing.Created, createdMillis), Math.Max(existing.DataCheckpoint, dataCheckpoint))
                : (createdMillis, dataCheckpoint);
        }
    }

    /// <summary>The partition whose emptiness at the end is reported by <see cref="Report"/>, or null.</summary>
    public string? Watched { get; }

    /// <summary>Whether <paramref name="partition"/> was committed with a writer's data up to <paramref name="dataCheckpoint"/>.</summary>
    public bool IsCommitted(string partition, long dataCheckpoint)
    {
        lock (_lock)
        {
            return _committedAt.TryGetValue(partition, out var committed) && committed.Round >= dataCheckpoint;
        }
    }

    /// <summary>The number of committed partitions still remembered (bounded: see the remarks).</summary>
    internal int RememberedCount
    {
        get
        {
            lock (_lock)
            {
                return _committedAt.Count;
            }
        }
    }

    /// <summary>
    /// Subtask <paramref name="subtask"/>'s writer is pre-committing <paramref name="checkpointId"/>; called before it asks
    /// <see cref="IsCommitted"/> about its partitions.
    /// </summary>
    public void PreCommitting(int subtask, long checkpointId)
    {
        lock (_lock)
        {
            _preCommitted[subtask] = Math.Max(_preCommitted[subtask], checkpointId);
        }
    }

    /// <summary>
    /// Subtask <paramref name="subtask"/> committed checkpoint <paramref name="checkpointId"/>: when that completes a
    /// round, returns the partitions to commit now (sorted), which are forgotten here.
    /// </summary>
    /// <param name="subtask">The reporting subtask.</param>
    /// <param name="checkpointId">The checkpoint it committed.</param>
    /// <param name="watermark">Its watermark at that checkpoint's pre-commit.</param>
    /// <param name="ended">Whether its input had ended.</param>
    /// <param name="isDue">Whether a partition's trigger fired: its name, creation time and the writers' watermark.</param>
    /// <param name="unwritten">Receives, at the first round after every writer's input ended, whether
    /// <see cref="Watched"/> got no row in this attempt (nor in the checkpoint it restored); otherwise false.</param>
    public IReadOnlyList<string> Report(int subtask, long checkpointId, long watermark, bool ended, Func<string, long, long, bool> isDue,
        out bool unwritten)
    {
        unwritten = false;
        lock (_lock)
        {
            _reported[subtask] = Math.Max(_reported[subtask], checkpointId);
            _watermarks[subtask] = Math.Max(_watermarks[subtask], watermark);
            _ended[subtask] |= ended;
            var round = _reported.Min();
            if (round <= _round)
            {
                return [];
            }

            _round = round;
            var allEnded = _ended.All(e => e);
            if (allEnded && !_endSeen)
            {
                _endSeen = true;
                // Every mark of the watched partition went through Deliver (committed partitions are forgotten, so a flag).
                unwritten = Watched is not null && !_watchedDelivered;
            }

            var minWatermark = _watermarks.Min();
            var due = new List<string>();
            foreach (var (partition, (created, data)) in _pending)
            {
                if (data <= round && (allEnded || isDue(partition, created, minWatermark)))
                {
                    due.Add(partition);
                }
            }

            // Marks of a commit can only come from checkpoints pre-committed before it (later pre-commits see it).
            var horizon = _preCommitted.Max();
            foreach (var partition in due)
            {
                _pending.Remove(partition);
                _committedAt[partition] = (round, horizon);
            }

            Forget();

            due.Sort(StringComparer.Ordinal);
            return due;
        }
    }

    /// <summary>
    /// Drops the committed partitions no writer can still mark: every writer pre-committed a checkpoint after the commit's
    /// horizon (so it saw the commit) and committed every checkpoint up to it (so its earlier marks were delivered).
    /// </summary>
    private void Forget()
    {
        var preCommitted = _preCommitted.Min();
        var reported = _reported.Min();
        List<string>? forgotten = null;
        foreach (var (partition, (_, horizon)) in _committedAt)
        {
            if (preCommitted > horizon && reported >= horizon)
            {
                (forgotten ??= []).Add(partition);
            }
        }

        foreach (var partition in forgotten ?? [])
        {
            _committedAt.Remove(partition);
        }
    }
}
