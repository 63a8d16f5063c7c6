using Sluice.Runtime.Graph;

namespace Sluice.Server.Deployments;

/// <summary>A deployment's script planned into a job graph, ready to start.</summary>
/// <param name="Graph">The job graph.</param>
/// <param name="Plan">The optimized plan, as <c>EXPLAIN</c> prints it.</param>
internal sealed record PreparedJob(JobGraph Graph, string Plan);
