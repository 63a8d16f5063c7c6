using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.State.Keyed;
using Sluice.State.Operator;

namespace Sluice.Testing;

/// <summary>
/// The serialized state of one operator subtask, taken by <see cref="OperatorHarness"/>: the same bytes a
/// checkpoint would write, so a restore from it exercises the real serialization.
/// </summary>
public sealed class OperatorSnapshot
{
    internal OperatorSnapshot(long checkpointId, byte[]? keyed, byte[]? operatorState, int parallelism)
    {
        CheckpointId = checkpointId;
        KeyedBytes = keyed;
        OperatorStateBytes = operatorState;
        Parallelism = parallelism;
    }

    /// <summary>The checkpoint id the snapshot was taken for.</summary>
    public long CheckpointId { get; }

    /// <summary>The serialized keyed state, or null.</summary>
    public byte[]? KeyedBytes { get; }

    /// <summary>The serialized operator state, or null.</summary>
    public byte[]? OperatorStateBytes { get; }

    /// <summary>The parallelism of the operator the snapshot was taken from.</summary>
    public int Parallelism { get; }

    /// <summary>The total size in bytes.</summary>
    public long Size => (KeyedBytes?.Length ?? 0) + (OperatorStateBytes?.Length ?? 0);

    internal static (IReadOnlyList<KeyGroupsSnapshot> Keyed, OperatorStateSnapshot? OperatorState) ForSubtask(
        IReadOnlyList<OperatorSnapshot> snapshots, int maxParallelism, int parallelism, int subtaskIndex)
    {
        var range = KeyGroups.RangeFor(maxParallelism, parallelism, subtaskIndex);
        var keyed = snapshots.Where(s => s.KeyedBytes is not null)
            .Select(s => KeyGroupsSnapshot.Read(new BinaryBufferReader(s.KeyedBytes)))
            .Where(k => k.Range.Intersect(range).Count > 0)
            .ToList();
        var operatorStates = snapshots.Where(s => s.OperatorStateBytes is not null)
            .Select(s => OperatorStateSnapshot.Read(new BinaryBufferReader(s.OperatorStateBytes)))
            .ToList();
        var op = operatorStates.Count > 0 ? OperatorStateSnapshot.Redistribute(operatorStates, parallelism, subtaskIndex) : null;
        return (keyed, op);
    }
}
