namespace Sluice.Server.Contracts;

/// <summary>The observed status of a deployment's job.</summary>
internal enum DeploymentPhase
{
    /// <summary>The job is being started (planning, restoring state).</summary>
    Starting,

    /// <summary>The job runs.</summary>
    Running,

    /// <summary>A task failed and the job restarts according to its restart strategy.</summary>
    Failing,

    /// <summary>The job was stopped with a savepoint (or is not running because the deployment is suspended).</summary>
    Suspended,

    /// <summary>The job was cancelled.</summary>
    Cancelled,

    /// <summary>The job's bounded sources ended and all output is committed.</summary>
    Finished,

    /// <summary>The job failed (or could not be started) and the restart strategy gave up.</summary>
    Failed,
}
