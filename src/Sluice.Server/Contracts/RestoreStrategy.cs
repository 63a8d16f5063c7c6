namespace Sluice.Server.Contracts;

/// <summary>Where a resumed deployment's job takes its state from.</summary>
internal enum RestoreStrategy
{
    /// <summary>The newest completed checkpoint or savepoint of the deployment.</summary>
    LatestState,

    /// <summary>The newest savepoint of the deployment.</summary>
    LatestSavepoint,

    /// <summary>No state: the job starts fresh.</summary>
    None,
}
