namespace Sluice.Server.Contracts;

/// <summary>What a deployment event records.</summary>
internal enum EventKind
{
    /// <summary>The status changed.</summary>
    StateChange,

    /// <summary>The spec changed.</summary>
    SpecChange,

    /// <summary>The job failed or could not be started (with the exception).</summary>
    Failure,

    /// <summary>A savepoint was taken.</summary>
    Savepoint,
}
