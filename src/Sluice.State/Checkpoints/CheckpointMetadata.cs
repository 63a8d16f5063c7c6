using Sluice.Core.Messages;

namespace Sluice.State.Checkpoints;

/// <summary>
/// The <c>_metadata</c> file of a checkpoint or savepoint: which operators wrote which state files. A checkpoint is
/// complete if and only if its metadata exists and verifies. Stored as versioned JSON
/// (<c>"format": "sluice-checkpoint"</c>, <c>"version": 1</c>, or 2 when a subtask is marked finished) followed by a CRC-32C trailer line.
/// </summary>
/// <param name="CheckpointId">The checkpoint id (monotonic within a job).</param>
/// <param name="Kind">Checkpoint or savepoint.</param>
/// <param name="TimestampMillis">When the checkpoint completed, in epoch milliseconds.</param>
/// <param name="JobName">The job's name.</param>
/// <param name="MaxParallelism">The job's maximum parallelism (the number of key groups); fixed for the job's life.</param>
/// <param name="Operators">One entry per operator with state.</param>
/// <param name="Properties">Free-form string properties (e.g. the engine version, a schema fingerprint).</param>
/// <remarks>Equality compares the content (lists and properties element by element) and ignores <see cref="Path"/>.</remarks>
public sealed record CheckpointMetadata(
    long CheckpointId,
    CheckpointKind Kind,
    long TimestampMillis,
    string JobName,
    int MaxParallelism,
    IReadOnlyList<OperatorSnapshotMetadata> Operators,
    IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>
    /// The absolute path of the folder this metadata was loaded from (state handles are relative to it); empty for
    /// metadata that was built rather than loaded. Not serialized, so a savepoint folder can be moved.
    /// </summary>
    public string Path { get; init; } = "";

    /// <inheritdoc />
    public bool Equals(CheckpointMetadata? other) =>
        other is not null
        && CheckpointId == other.CheckpointId
        && Kind == other.Kind
        && TimestampMillis == other.TimestampMillis
        && JobName == other.JobName
        && MaxParallelism == other.MaxParallelism
        && Operators.SequenceEqual(other.Operators)
        && Properties.Count == other.Properties.Count
        && Properties.All(p => other.Properties.TryGetValue(p.Key, out var v) && v == p.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(CheckpointId, Kind, TimestampMillis, JobName, MaxParallelism, Operators.Count);
}
