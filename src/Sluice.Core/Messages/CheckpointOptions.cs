namespace Sluice.Core.Messages;

/// <summary>Options carried by a checkpoint barrier.</summary>
/// <param name="Kind">Checkpoint or savepoint.</param>
/// <param name="ThenStop">When true, sources stop emitting after the barrier (stop-with-savepoint).</param>
public readonly record struct CheckpointOptions(CheckpointKind Kind, bool ThenStop = false)
{
    /// <summary>The options of a periodic checkpoint.</summary>
    public static CheckpointOptions Default { get; } = new(CheckpointKind.Checkpoint);
}
