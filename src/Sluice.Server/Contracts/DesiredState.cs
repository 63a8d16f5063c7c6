namespace Sluice.Server.Contracts;

/// <summary>The state a deployment's job should be in; the reconciliation loop moves the job there.</summary>
internal enum DesiredState
{
    /// <summary>The job runs.</summary>
    Running,

    /// <summary>The job is stopped with a savepoint and can be resumed.</summary>
    Suspended,

    /// <summary>The job is cancelled; the deployment can then be deleted.</summary>
    Cancelled,
}
