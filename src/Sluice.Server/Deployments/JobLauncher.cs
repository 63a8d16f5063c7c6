using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Errors;
using Sluice.Server.Contracts;
using Sluice.Server.Security;
using Sluice.Sql;
using Sluice.Sql.Ast;
using Sluice.Sql.Physical.Session;

namespace Sluice.Server.Deployments;

/// <summary>
/// Plans a deployment's script into one job through a fresh <see cref="SqlSession"/> that collects inserts: DDL,
/// <c>SET</c> and other utility statements run in order, and every <c>INSERT</c> (and statement set) becomes part of
/// one job. The spec's parallelism and checkpoint interval win over the script's <c>SET 'parallelism.default'</c> and
/// <c>SET 'execution.checkpointing.interval'</c>; everything else the session reads (time zone, state TTL, the job
/// parameters of C# functions) comes from the script.
/// </summary>
internal sealed class JobLauncher(Func<ConnectorRegistry> registry, TimeProvider clock, PathPolicy paths)
{
    /// <summary>
    /// Plans <paramref name="sql"/> (secrets already resolved) for <paramref name="spec"/> as the job named after the
    /// deployment; <paramref name="start"/> says how the job will run when it is submitted (null only plans).
    /// </summary>
    /// <exception cref="SluiceException">The script is invalid (a <see cref="SqlException"/> with its position), has no INSERT, or contains a query.</exception>
    public PreparedJob Prepare(DeploymentSpec spec, string sql, JobStart? start = null)
    {
        var statements = SqlSession.ParseScript(sql);
        var session = new SqlSession(new SqlSessionOptions(registry())
        {
            Parallelism = spec.Parallelism,
            Clock = clock,
            CollectInserts = true,
            CheckpointInterval = SpecConversions.CheckpointInterval(spec.CheckpointInterval),
            CheckpointDirectory = start?.CheckpointDirectory,
            FromSavepoint = start?.RestoreFrom,
            AllowNonRestoredState = spec.AllowNonRestoredState,
            RestartStrategy = SpecConversions.Restart(spec.RestartStrategy),
        });
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case InsertStatement or StatementSetStatement:
                    session.Execute(statement);
                    break;
                case QueryStatement:
                    throw new SqlException(SqlErrorCode.NotSupported, statement.Span,
                        "A deployment runs INSERT statements; a query has nowhere to send its rows (preview it with POST /api/v1/sql/preview)");
                case CreateTableStatement { AsQuery: not null }:
                    throw new SqlException(SqlErrorCode.NotSupported, statement.Span,
                        "CREATE TABLE ... AS SELECT is not supported in a deployment; declare the table, then INSERT INTO it");
                default:
                    paths.Check(statement, session.Configuration);
                    session.Execute(statement);
                    break;
            }
        }

        if (session.CollectedInsertCount == 0)
        {
            throw new SluiceException("The script has no INSERT statement: a deployment runs one job made of the script's INSERTs.", ErrorDomain.User);
        }

        paths.Check(session.Catalog);
        foreach (var setting in SpecSettings)
        {
            session.Execute(setting(spec));
        }

        return new PreparedJob(session, session.PlanCollectedInserts(spec.Name)!);
    }

    /// <summary>The statements that make the spec's settings win over the script's.</summary>
    private static IReadOnlyList<Func<DeploymentSpec, SqlStatement>> SpecSettings { get; } =
    [
        spec => SqlSession.ParseScript($"SET 'parallelism.default' = '{spec.Parallelism}'")[0],
        _ => SqlSession.ParseScript("RESET 'execution.checkpointing.interval'")[0],
    ];
}
