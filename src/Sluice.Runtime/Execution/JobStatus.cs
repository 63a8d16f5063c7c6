namespace Sluice.Runtime.Execution;

/// <summary>The state of a job.</summary>
public enum JobStatus
{
    /// <summary>Being set up (restoring state).</summary>
    Created,

    /// <summary>Running.</summary>
    Running,

    /// <summary>A task failed; the job restarts from its latest checkpoint after the restart delay.</summary>
    Restarting,

    /// <summary>Every bounded source ended and the final checkpoint committed all output.</summary>
    Finished,

    /// <summary>Stopped with a savepoint.</summary>
    Stopped,

    /// <summary>Cancelled by the user.</summary>
    Cancelled,

    /// <summary>Failed and the restart strategy gave up.</summary>
    Failed,
}
