using Sluice.Connectors.Files.Sink;

namespace Sluice.Connectors.Files.Partitions;

/// <summary>
/// What a partitioned file sink pre-commits: a part file of a partition (<see cref="File"/> set), or the mark of a
/// partition written and not yet committed (<see cref="File"/> null), which carries the partition's creation time
/// across checkpoints so that a restored job still commits it.
/// </summary>
/// <param name="Partition">The partition's relative path, <c>k1=v1/k2=v2/</c>.</param>
/// <param name="File">The part file, or null for a partition mark.</param>
/// <param name="CreatedMillis">For a mark: when the partition was first written (processing time, epoch milliseconds).</param>
public sealed record PartitionedFileCommittable(string Partition, FileCommittable? File, long CreatedMillis);
