namespace Sluice.State.Checkpoints;

/// <summary>What one operator contributed to a checkpoint, matched on restore by its stable id.</summary>
/// <param name="OperatorId">The operator's stable id (survives job changes, so savepoints can be matched to operators).</param>
/// <param name="Parallelism">The operator's parallelism when the checkpoint was taken.</param>
/// <param name="Subtasks">One entry per subtask that had state to write.</param>
/// <remarks>Equality compares <see cref="Subtasks"/> element by element.</remarks>
public sealed record OperatorSnapshotMetadata(string OperatorId, int Parallelism, IReadOnlyList<SubtaskSnapshotMetadata> Subtasks)
{
    /// <inheritdoc />
    public bool Equals(OperatorSnapshotMetadata? other) =>
        other is not null
        && OperatorId == other.OperatorId
        && Parallelism == other.Parallelism
        && Subtasks.SequenceEqual(other.Subtasks);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(OperatorId, Parallelism, Subtasks.Count);
}
