namespace Sluice.Server.Contracts;

/// <summary>How a checkpoint ended.</summary>
internal enum CheckpointStatus
{
    /// <summary>Every task acknowledged and the metadata was written.</summary>
    Completed,

    /// <summary>It failed, timed out or was aborted (see the failure).</summary>
    Failed,
}
