namespace Sluice.Server.Contracts;

/// <summary>What a deployment should run and how: the declarative part the reconciliation loop acts on.</summary>
/// <param name="Name">A unique name.</param>
/// <param name="Sql">The script: DDL and <c>SET</c> statements, then one or more <c>INSERT</c>s, run as one job.</param>
/// <param name="Parallelism">The parallelism of every operator.</param>
/// <param name="State">The desired state.</param>
/// <param name="RestoreStrategy">Where a resumed job takes its state from.</param>
/// <param name="UpgradeStrategy">How a running job applies a changed spec.</param>
/// <param name="CheckpointInterval">The checkpoint interval (a duration such as <c>10 s</c>), or null for none.</param>
/// <param name="RestartStrategy">What to do when a task fails.</param>
/// <param name="AllowNonRestoredState">
/// When the job restores a savepoint or checkpoint with state of operators the script no longer has, drop that state
/// instead of failing (Flink's <c>allowNonRestoredState</c>).
/// </param>
internal sealed record DeploymentSpec(string Name, string Sql, int Parallelism, DesiredState State, RestoreStrategy RestoreStrategy,
    UpgradeStrategy UpgradeStrategy, string? CheckpointInterval, RestartStrategySpec RestartStrategy, bool AllowNonRestoredState = false)
{
    /// <summary>True when <paramref name="other"/> runs a different job (script, parallelism, checkpoints, restarts).</summary>
    public bool JobDiffers(DeploymentSpec other) =>
        !string.Equals(Sql, other.Sql, StringComparison.Ordinal) || Parallelism != other.Parallelism
        || !string.Equals(CheckpointInterval, other.CheckpointInterval, StringComparison.Ordinal) || RestartStrategy != other.RestartStrategy;
}
