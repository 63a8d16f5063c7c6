using Sluice.Core.Messages;

namespace Sluice.State.Checkpoints;

/// <summary>
/// Where checkpoints and savepoints are stored: a local or shared directory now, S3-compatible object storage later.
/// </summary>
/// <remarks>
/// <para><b>Protocol.</b> The coordinator calls <see cref="InitializeLocation"/> when it triggers checkpoint n; tasks
/// write their state files with <c>WriteStateAsync</c> (concurrently, from any thread); when every task
/// acknowledged, the coordinator calls <see cref="CompleteAsync"/>, which writes the metadata atomically: a checkpoint
/// is complete if and only if its metadata exists and verifies. A checkpoint that fails is dropped with
/// <see cref="AbortAsync"/>. On restart, <see cref="FindLatestAsync"/> names the checkpoint to restore from and
/// <see cref="ReadStateAsync"/> reads its files back, verifying length and checksum.</para>
/// <para><b>Threading.</b> <c>WriteStateAsync</c> and <see cref="ReadStateAsync"/> may run concurrently.
/// <see cref="InitializeLocation"/>, <see cref="CompleteAsync"/> and <see cref="AbortAsync"/> are called by the
/// coordinator, one at a time.</para>
/// </remarks>
public interface ICheckpointStorage
{
    /// <summary>
    /// Creates the (empty) location of a checkpoint or savepoint about to be taken.
    /// </summary>
    /// <param name="checkpointId">The checkpoint id.</param>
    /// <param name="kind">Checkpoint (owned and retained by the storage) or savepoint (owned by the user, never deleted).</param>
    /// <param name="savepointDirectory">For savepoints: where to put it instead of the storage's default savepoint folder.</param>
    CheckpointLocation InitializeLocation(long checkpointId, CheckpointKind kind, string? savepointDirectory = null);

    /// <summary>Writes one state file durably into <paramref name="location"/> and returns its handle.</summary>
    /// <param name="location">The checkpoint being written.</param>
    /// <param name="fileName">A file name unique within the checkpoint (no directory part).</param>
    /// <param name="data">The file's bytes.</param>
    /// <param name="ct">Cancels the write.</param>
    ValueTask<StateHandle> WriteStateAsync(CheckpointLocation location, string fileName, ReadOnlyMemory<byte> data, CancellationToken ct);

    /// <summary>
    /// Writes one state file made of <paramref name="parts"/> (in order) durably into <paramref name="location"/>, without
    /// the caller copying them into one buffer, and returns its handle. <paramref name="crc"/> is the CRC-32C of the
    /// whole file, which the caller has computed anyway (a keyed snapshot's envelope carries it), so a large file is not
    /// read a second time for its handle. The default implementation joins the parts and writes them as one.
    /// </summary>
    /// <param name="location">The checkpoint being written.</param>
    /// <param name="fileName">A file name unique within the checkpoint (no directory part).</param>
    /// <param name="parts">The file's bytes, in parts.</param>
    /// <param name="crc">The CRC-32C of the concatenated parts.</param>
    /// <param name="ct">Cancels the write.</param>
    ValueTask<StateHandle> WriteStateAsync(CheckpointLocation location, string fileName, IReadOnlyList<ReadOnlyMemory<byte>> parts, uint crc,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var joined = new byte[parts.Sum(p => (long)p.Length)];
        var position = 0;
        foreach (var part in parts)
        {
            part.Span.CopyTo(joined.AsSpan(position));
            position += part.Length;
        }

        return WriteStateAsync(location, fileName, joined, ct);
    }

    /// <summary>
    /// Reads a state file of a completed checkpoint, verifying its length and CRC-32C.
    /// </summary>
    /// <param name="checkpointPath">The checkpoint's folder (<see cref="CheckpointMetadata.Path"/>).</param>
    /// <param name="handle">The state file.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <exception cref="Sluice.Core.Errors.CheckpointException">The file is missing, truncated or corrupt.</exception>
    ValueTask<byte[]> ReadStateAsync(string checkpointPath, StateHandle handle, CancellationToken ct);

    /// <summary>
    /// Completes a checkpoint by writing its metadata atomically, then (for checkpoints, not savepoints) applies retention.
    /// </summary>
    /// <param name="location">The checkpoint being completed.</param>
    /// <param name="metadata">Its metadata; the id and kind must match <paramref name="location"/>.</param>
    /// <param name="ct">Cancels the operation (before the metadata is in place).</param>
    ValueTask CompleteAsync(CheckpointLocation location, CheckpointMetadata metadata, CancellationToken ct);

    /// <summary>Deletes a checkpoint that will not complete.</summary>
    /// <param name="location">The checkpoint to drop.</param>
    /// <param name="ct">Cancels the operation.</param>
    ValueTask AbortAsync(CheckpointLocation location, CancellationToken ct);

    /// <summary>
    /// The newest completed checkpoint or savepoint (by id, then by timestamp), or null when there is none; locations
    /// whose metadata is missing or corrupt are skipped.
    /// </summary>
    /// <param name="ct">Cancels the search.</param>
    ValueTask<CheckpointMetadata?> FindLatestAsync(CancellationToken ct);

    /// <summary>
    /// The highest checkpoint or savepoint id this storage holds (completed or not), or 0. A job that starts fresh
    /// in a storage used before numbers its checkpoints after it, so no location is written twice.
    /// </summary>
    /// <param name="ct">Cancels the search.</param>
    ValueTask<long> HighestCheckpointIdAsync(CancellationToken ct) => ValueTask.FromResult(0L);

    /// <summary>
    /// Loads the verified metadata of the completed checkpoint or savepoint at <paramref name="path"/> (a location
    /// this storage wrote, or a savepoint given by the user). The default reads a directory on the local file system.
    /// </summary>
    /// <param name="path">The checkpoint or savepoint location.</param>
    /// <param name="ct">Cancels the read.</param>
    ValueTask<CheckpointMetadata> LoadMetadataAsync(string path, CancellationToken ct) => DirectoryCheckpointStorage.LoadAsync(path, ct);
}
