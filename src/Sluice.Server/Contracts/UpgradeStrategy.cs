namespace Sluice.Server.Contracts;

/// <summary>How a running deployment applies a changed script, parallelism, checkpoint interval or restart strategy.</summary>
internal enum UpgradeStrategy
{
    /// <summary>Stop the job with a savepoint, then start the new spec from it.</summary>
    Stateful,

    /// <summary>Cancel the job and start the new spec without state.</summary>
    Stateless,

    /// <summary>Keep the running job; the change applies the next time the job starts.</summary>
    None,
}
