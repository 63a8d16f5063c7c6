using System.ComponentModel.DataAnnotations;

namespace Sluice.Server.Contracts;

/// <summary>The body of <c>POST /deployments</c>; omitted fields take their defaults.</summary>
/// <param name="Name">A unique name (letters, digits, '-', '_', '.').</param>
/// <param name="Sql">The script.</param>
/// <param name="Parallelism">Default 1.</param>
/// <param name="State">Default RUNNING.</param>
/// <param name="RestoreStrategy">Default LATEST_STATE.</param>
/// <param name="UpgradeStrategy">Default STATEFUL.</param>
/// <param name="CheckpointInterval">Default <c>10 s</c>.</param>
/// <param name="RestartStrategy">Default fixed delay, 3 attempts, 10 s.</param>
/// <param name="AllowNonRestoredState">Default false: a restore point with state of operators the script no longer has fails the start.</param>
internal sealed record CreateDeploymentRequest([property: Required] string? Name, [property: Required] string? Sql, int? Parallelism = null, DesiredState? State = null,
    RestoreStrategy? RestoreStrategy = null, UpgradeStrategy? UpgradeStrategy = null, string? CheckpointInterval = null,
    RestartStrategySpec? RestartStrategy = null, bool? AllowNonRestoredState = null);
