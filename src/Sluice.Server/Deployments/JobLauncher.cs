using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Errors;
using Sluice.Server.Security;
using Sluice.Sql;
using Sluice.Sql.Ast;
using Sluice.Sql.Physical.Expressions;
using Sluice.Sql.Physical.Planning;
using Sluice.Sql.Physical.Session;
using Sluice.Sql.Planning;
using Sluice.State.Keyed;

namespace Sluice.Server.Deployments;

/// <summary>
/// Plans a deployment's script into one job: DDL, <c>SET</c> and other utility statements run against a fresh
/// session's catalog in order, and every <c>INSERT</c> (and statement set) becomes part of one job graph, planned
/// at the deployment's parallelism (which wins over <c>SET 'parallelism.default'</c>).
/// </summary>
internal sealed class JobLauncher(Func<ConnectorRegistry> registry, TimeProvider clock, PathPolicy paths)
{
    /// <summary>Plans <paramref name="sql"/> (secrets already resolved) as the job <paramref name="jobName"/>.</summary>
    /// <exception cref="SluiceException">The script is invalid (a <see cref="SqlException"/> with its position), has no INSERT, or contains a query.</exception>
    public PreparedJob Prepare(string jobName, string sql, int parallelism)
    {
        var statements = SqlSession.ParseScript(sql);
        var session = new SqlSession(new SqlSessionOptions(registry()) { Parallelism = parallelism, Clock = clock, CollectInserts = true });
        var inserts = new List<InsertStatement>();
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case InsertStatement insert:
                    inserts.Add(insert);
                    break;
                case StatementSetStatement set:
                    inserts.AddRange(set.Statements);
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

        if (inserts.Count == 0)
        {
            throw new SluiceException("The script has no INSERT statement: a deployment runs one job made of the script's INSERTs.", ErrorDomain.User);
        }

        paths.Check(session.Catalog);
        var planner = new PhysicalPlanner(jobName, session.Catalog, new PhysicalPlannerOptions(session.Options.Registry)
        {
            Parallelism = parallelism,
            SessionTimeZone = TimeZoneOf(session),
            StateTtl = StateTtlOf(session),
            Clock = clock,
        });
        foreach (var insert in inserts)
        {
            planner.AddInsert(Planner.Plan(insert, session.Catalog));
        }

        return new PreparedJob(planner.Build(), planner.Explain);
    }

    private static TimeZoneInfo TimeZoneOf(SqlSession session) =>
        !session.Configuration.TryGetValue("table.local-time-zone", out var id) ? TimeZoneInfo.Utc
        : ExpressionEnvironment.TryParseTimeZone(id, out var zone) ? zone
        : throw new SluiceException($"'table.local-time-zone' = '{id}' is not a known time zone.", ErrorDomain.User);

    private static StateTtlConfig? StateTtlOf(SqlSession session) =>
        session.Configuration.TryGetValue("table.exec.state.ttl", out var text)
        && SqlSession.ParseDuration("table.exec.state.ttl", text) is { } ttl && ttl > TimeSpan.Zero
            ? new StateTtlConfig(ttl)
            : null;
}
