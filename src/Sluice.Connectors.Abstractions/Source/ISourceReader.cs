namespace Sluice.Connectors.Abstractions.Source;

/// <summary>
/// Reads the splits assigned to one subtask.
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> Every method is called on the source task's thread, never concurrently; between
/// polls the task handles checkpoints, so a snapshot always sees a position between two emitted batches.</para>
/// <para><b>Lifecycle.</b> <see cref="AddSplits"/> (fresh or restored splits) → <see cref="PollNext"/>* with
/// <see cref="SnapshotState"/> and <see cref="NotifyCheckpointComplete"/> in between → Dispose.</para>
/// </remarks>
/// <typeparam name="TSplit">The split type.</typeparam>
public interface ISourceReader<TSplit> : IDisposable
    where TSplit : ISourceSplit
{
    /// <summary>Adds splits to read, with the positions to resume from.</summary>
    void AddSplits(IReadOnlyList<TSplit> splits);

    /// <summary>Emits what is available (a bounded amount of work) and says whether more is.</summary>
    InputStatus PollNext(ISourceOutput output);

    /// <summary>The unfinished splits with the positions reached, for checkpoint <paramref name="checkpointId"/>.</summary>
    IReadOnlyList<TSplit> SnapshotState(long checkpointId);

    /// <summary>Checkpoint <paramref name="checkpointId"/> completed (e.g. commit offsets back, informationally).</summary>
    void NotifyCheckpointComplete(long checkpointId)
    {
    }
}
