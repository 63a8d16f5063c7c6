using Sluice.Sql.Physical.Session;

namespace Sluice.Server.Deployments;

/// <summary>A deployment's script planned into a job, ready to start (<see cref="Submit"/>).</summary>
/// <param name="Session">The session that planned it (and holds the job's settings).</param>
/// <param name="Plan">The planned job: its graph and its plan.</param>
internal sealed record PreparedJob(SqlSession Session, SqlJobPlan Plan)
{
    /// <summary>Starts the job.</summary>
    public SqlJob Submit() => Session.Submit(Plan);
}
