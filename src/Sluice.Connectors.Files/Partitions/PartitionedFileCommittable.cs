using Sluice.Connectors.Files.Sink;

namespace Sluice.Connectors.Files.Partitions;

/// <summary>
/// What a partitioned file sink pre-commits: a part file of a partition (<see cref="File"/> set); the mark of a
/// partition written and not yet committed (<see cref="File"/> and <see cref="Progress"/> null), which carries the
/// partition across checkpoints so that a restored job still commits it; or a writer's progress (<see cref="Progress"/>
/// set, one per pre-commit), which tells the partition commit that the writer's files of that checkpoint are visible.
/// </summary>
/// <param name="Partition">The partition's relative path, <c>k1=v1/k2=v2/</c> (empty for a progress).</param>
/// <param name="File">The part file, or null for a mark or a progress.</param>
/// <param name="CreatedMillis">For a mark: when the partition was first written (processing time, epoch milliseconds).</param>
/// <param name="DataCheckpoint">For a mark: the last checkpoint holding the writer's data of the partition
/// (<see cref="long.MinValue"/>: only data already visible).</param>
/// <param name="Progress">For a progress: the writer and its checkpoint.</param>
public sealed record PartitionedFileCommittable(
    string Partition, FileCommittable? File, long CreatedMillis, long DataCheckpoint = long.MinValue, WriterProgress? Progress = null);

/// <summary>A writer's progress at a pre-commit: read by the partition commit when the checkpoint completes.</summary>
/// <param name="Subtask">The writer's subtask.</param>
/// <param name="AttemptId">The job attempt the writer ran in (a restored progress of an earlier attempt is ignored).</param>
/// <param name="CheckpointId">The checkpoint pre-committed.</param>
/// <param name="Watermark">The writer's watermark at the pre-commit.</param>
/// <param name="Ended">Whether the writer's input had ended.</param>
public sealed record WriterProgress(int Subtask, string AttemptId, long CheckpointId, long Watermark, bool Ended);
