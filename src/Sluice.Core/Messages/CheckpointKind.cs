namespace Sluice.Core.Messages;

/// <summary>What a barrier asks the tasks to take.</summary>
public enum CheckpointKind
{
    /// <summary>A periodic checkpoint, owned and retained by the runtime.</summary>
    Checkpoint,

    /// <summary>A savepoint, owned by the user, self-contained and retained until the user deletes it.</summary>
    Savepoint,
}
