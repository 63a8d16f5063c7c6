using Sluice.Core.Messages;

namespace Sluice.State.Checkpoints;

/// <summary>Where the files of one checkpoint or savepoint in progress are written.</summary>
/// <param name="CheckpointId">The checkpoint id.</param>
/// <param name="Kind">Checkpoint or savepoint.</param>
/// <param name="Path">The absolute path of the checkpoint's folder.</param>
public sealed record CheckpointLocation(long CheckpointId, CheckpointKind Kind, string Path);
