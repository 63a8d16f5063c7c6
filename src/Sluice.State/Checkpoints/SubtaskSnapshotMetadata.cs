namespace Sluice.State.Checkpoints;

/// <summary>What one subtask of an operator contributed to a checkpoint.</summary>
/// <param name="SubtaskIndex">The subtask index.</param>
/// <param name="KeyedState">The keyed state, or null when the operator is not keyed or its state is empty.</param>
/// <param name="OperatorState">The operator (non-keyed) state, e.g. source positions or sink committables, or null.</param>
public sealed record SubtaskSnapshotMetadata(int SubtaskIndex, KeyedStateHandle? KeyedState, StateHandle? OperatorState);
