namespace Sluice.Server.Contracts;

/// <summary>A deployment's job metrics.</summary>
/// <param name="Running">True when a job runs (otherwise the lists are empty).</param>
/// <param name="Operators">Per operator.</param>
/// <param name="Checkpoints">Checkpoints.</param>
/// <param name="Restarts">Restarts of the job.</param>
internal sealed record MetricsResponse(bool Running, IReadOnlyList<OperatorMetricsResponse> Operators, CheckpointMetricsResponse Checkpoints, int Restarts);
