namespace Sluice.Server.Contracts;

/// <summary>The body of <c>PATCH /deployments/{id}</c>: the spec fields to change (others keep their value).</summary>
/// <param name="Name">A new name.</param>
/// <param name="Sql">A new script.</param>
/// <param name="Parallelism">A new parallelism.</param>
/// <param name="State">A new desired state.</param>
/// <param name="RestoreStrategy">A new restore strategy.</param>
/// <param name="UpgradeStrategy">A new upgrade strategy.</param>
/// <param name="CheckpointInterval">A new checkpoint interval (<c>"none"</c> disables checkpoints).</param>
/// <param name="RestartStrategy">A new restart strategy.</param>
/// <param name="AllowNonRestoredState">Whether a restore may drop the state of operators the script no longer has.</param>
internal sealed record PatchDeploymentRequest(string? Name = null, string? Sql = null, int? Parallelism = null, DesiredState? State = null,
    RestoreStrategy? RestoreStrategy = null, UpgradeStrategy? UpgradeStrategy = null, string? CheckpointInterval = null,
    RestartStrategySpec? RestartStrategy = null, bool? AllowNonRestoredState = null);
