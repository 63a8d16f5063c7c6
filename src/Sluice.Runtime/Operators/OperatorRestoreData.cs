using Sluice.State.Keyed;
using Sluice.State.Operator;

namespace Sluice.Runtime.Operators;

/// <summary>The state one operator subtask restores from: keyed state of the overlapping key groups and its share of operator state.</summary>
/// <param name="CheckpointId">The checkpoint the state comes from.</param>
/// <param name="KeyedState">Keyed snapshots whose key groups overlap this subtask's range (may cover more; the backend filters).</param>
/// <param name="OperatorState">This subtask's redistributed operator state, or null.</param>
/// <param name="FinishedOnRestore">
/// Every subtask of the operator was finished in the checkpoint: the operator is finished on restore (not opened, reads
/// nothing, passes end of input on at once; FLIP-147).
/// </param>
internal sealed record OperatorRestoreData(long CheckpointId, IReadOnlyList<KeyGroupsSnapshot> KeyedState, OperatorStateSnapshot? OperatorState,
    bool FinishedOnRestore = false);
