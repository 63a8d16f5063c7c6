namespace Sluice.Server.Contracts;

/// <summary>A data edge of a job graph.</summary>
/// <param name="Source">The producing operator's id.</param>
/// <param name="Target">The consuming operator's id.</param>
/// <param name="Partitioner">How rows are distributed: FORWARD, REBALANCE, BROADCAST or HASH.</param>
/// <param name="TargetInput">Which input of the target the edge feeds.</param>
internal sealed record JobEdgeResponse(string Source, string Target, string Partitioner, int TargetInput);
