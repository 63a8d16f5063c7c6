namespace Sluice.Server.Deployments;

/// <summary>Where a deployment's job keeps its checkpoints and which state it starts from.</summary>
/// <param name="CheckpointDirectory">The deployment's checkpoint directory (savepoints go to its <c>savepoints</c> folder).</param>
/// <param name="RestoreFrom">A checkpoint or savepoint folder to restore, or null to start without state.</param>
internal sealed record JobStart(string CheckpointDirectory, string? RestoreFrom);
