namespace Sluice.Server.Contracts;

/// <summary>Whether a snapshot was a periodic checkpoint or a savepoint.</summary>
internal enum CheckpointType
{
    /// <summary>A checkpoint (periodic, or the final one of a bounded job).</summary>
    Checkpoint,

    /// <summary>A savepoint (requested, or taken by suspend, upgrade or shutdown).</summary>
    Savepoint,
}
