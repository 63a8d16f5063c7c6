namespace Sluice.State.Checkpoints;

/// <summary>The keyed state of one subtask: the key groups it covers and the file that holds them.</summary>
/// <param name="KeyGroupStart">The first key group in the file.</param>
/// <param name="KeyGroupEnd">The last key group in the file (inclusive).</param>
/// <param name="Handle">The state file.</param>
public sealed record KeyedStateHandle(int KeyGroupStart, int KeyGroupEnd, StateHandle Handle);
