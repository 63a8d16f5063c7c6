using Sluice.State.Keyed;
using Sluice.State.Operator;

namespace Sluice.Runtime.Checkpointing;

/// <summary>The synchronous capture of one operator subtask's state at a barrier; written out asynchronously.</summary>
/// <param name="OperatorId">The operator's stable id.</param>
/// <param name="SubtaskIndex">The subtask index.</param>
/// <param name="Parallelism">The operator's parallelism.</param>
/// <param name="KeyedState">The keyed state, or null.</param>
/// <param name="OperatorState">The operator state, or null.</param>
/// <param name="Finished">The subtask is finished and wrote a finished marker instead of its state (both are null).</param>
internal sealed record OperatorCapture(string OperatorId, int SubtaskIndex, int Parallelism, KeyGroupsSnapshot? KeyedState,
    OperatorStateSnapshot? OperatorState, bool Finished = false);
