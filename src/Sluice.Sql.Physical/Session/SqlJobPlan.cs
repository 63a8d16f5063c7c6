using Sluice.Runtime.Graph;

namespace Sluice.Sql.Physical.Session;

/// <summary>
/// The job a session planned from its collected <c>INSERT</c>s, not started yet: its graph (to inspect, or to check
/// against a savepoint) and its plan. <see cref="SqlSession.Submit"/> starts it.
/// </summary>
public sealed class SqlJobPlan
{
    internal SqlJobPlan(JobGraph graph, string plan, bool isBounded)
    {
        Graph = graph;
        Plan = plan;
        IsBounded = isBounded;
    }

    /// <summary>The job graph (its name is the job's name).</summary>
    public JobGraph Graph { get; }

    /// <summary>The optimized plan of the job's statements, with changelog modes (as <c>EXPLAIN</c> prints it).</summary>
    public string Plan { get; }

    /// <summary>True when every source of the job is bounded, so the job ends by itself.</summary>
    public bool IsBounded { get; }
}
