namespace Sluice.State.Checkpoints;

/// <summary>What one subtask of an operator contributed to a checkpoint.</summary>
/// <param name="SubtaskIndex">The subtask index.</param>
/// <param name="KeyedState">The keyed state, or null when the operator is not keyed or its state is empty.</param>
/// <param name="OperatorState">The operator (non-keyed) state, e.g. source positions or sink committables, or null.</param>
/// <param name="Finished">
/// True when the subtask had finished (end of input received, processed and emitted) and every subtask of the
/// operator had too when the checkpoint was triggered: the subtask wrote this marker instead of its state. An
/// operator whose every subtask is marked is <i>finished on restore</i> (FLIP-147): it restores no state, reads
/// nothing, and passes end of input on at once.
/// </param>
public sealed record SubtaskSnapshotMetadata(int SubtaskIndex, KeyedStateHandle? KeyedState, StateHandle? OperatorState,
    bool Finished = false);
