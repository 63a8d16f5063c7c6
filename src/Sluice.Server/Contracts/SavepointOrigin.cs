namespace Sluice.Server.Contracts;

/// <summary>Why a savepoint exists.</summary>
internal enum SavepointOrigin
{
    /// <summary>Requested through the API.</summary>
    UserRequest,

    /// <summary>Taken when the deployment was suspended.</summary>
    Suspend,

    /// <summary>Taken by a stateful upgrade before the new spec started.</summary>
    Upgrade,

    /// <summary>The latest checkpoint of a job that was cancelled or failed, kept as a restore point.</summary>
    RetainedCheckpoint,

    /// <summary>Taken when the server shut down, so the next start resumes from it.</summary>
    Shutdown,
}
