using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin;
using Sluice.Connectors.Files;
using Sluice.Formats;
using Sluice.Runtime.Execution;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Physical.Planning;
using Sluice.Sql.Physical.Session;
using Sluice.Sql.Planning;
using Sluice.Testing.Sinks;

namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>
/// Runs a golden case end to end through the engine in one of three modes:
/// <list type="bullet">
/// <item><see cref="Parallelism1"/> and <see cref="Parallelism4"/>: a <see cref="SqlSession"/> at that parallelism
/// runs the DDL and starts the query; its changelog is read from the job's result channel.</item>
/// <item><see cref="Restore"/>: at parallelism 2 with a checkpoint every 50 ms, the query is planned into an
/// exactly-once <c>golden-collect</c> sink table (a <see cref="CollectStore{T}"/>), and the <c>filesystem</c> sources
/// are replaced by <see cref="PausingFileSource"/>s: they pause at half of their files until a checkpoint covering
/// that position completed, then the job fails once and restarts from it (one restart allowed) and finishes. The
/// result is what the sink committed.</item>
/// </list>
/// Relative table paths are resolved against <see cref="GoldenCase.Root"/>.
/// </summary>
internal static class GoldenRunner
{
    public const string Parallelism1 = "p1";
    public const string Parallelism4 = "p4";
    public const string Restore = "restore";

    /// <summary>The name of the sink table a restore run inserts the query into.</summary>
    public const string ResultTable = "golden_result";

    /// <summary>A guard against a hanging job (not a timing assertion: cases take well under a second).</summary>
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(2);

    public static IReadOnlyList<string> Modes { get; } = [Parallelism1, Parallelism4, Restore];

    /// <summary>Runs <paramref name="case"/> in <paramref name="mode"/>.</summary>
    /// <exception cref="Core.Errors.SluiceException">The engine rejected the case (e.g. "... is not supported in execution yet").</exception>
    public static Task<GoldenRun> RunAsync(GoldenCase @case, string mode)
    {
        var statements = SqlSession.ParseScript(@case.Sql, @case.SqlPath);
        if (statements.Count == 0 || statements[^1] is not QueryStatement query)
        {
            throw new InvalidDataException($"{@case.Name}: a case ends with exactly one query (SELECT, VALUES, set operation).");
        }

        var ddl = statements.Take(statements.Count - 1).ToList();
        if (ddl.Any(Planner.IsQueryOrInsert))
        {
            throw new InvalidDataException($"{@case.Name}: only the last statement may be a query; the others are DDL.");
        }

        return mode switch
        {
            Parallelism1 => RunQueryAsync(ddl, query, 1),
            Parallelism4 => RunQueryAsync(ddl, query, 4),
            Restore => RunRestoreAsync(ddl, query),
            _ => throw new ArgumentException($"Unknown mode '{mode}'.", nameof(mode)),
        };
    }

    private static ConnectorRegistry StandardRegistry() =>
        new ConnectorRegistry().AddStandardFormats().AddBuiltinConnectors().AddFileSystemConnector();

    private static SqlSession CreateSession(ConnectorRegistry registry, int parallelism, IReadOnlyList<SqlStatement> ddl)
    {
        var session = new SqlSession(new SqlSessionOptions(registry) { Parallelism = parallelism, ScriptDirectory = GoldenCase.Root });
        foreach (var statement in ddl)
        {
            session.Execute(statement);
        }

        return session;
    }

    private static async Task<GoldenRun> RunQueryAsync(IReadOnlyList<SqlStatement> ddl, QueryStatement query, int parallelism)
    {
        var session = CreateSession(StandardRegistry(), parallelism, ddl);
        await using var job = session.Execute(query).Job ?? throw new InvalidOperationException("The query started no job.");
        var changelog = new List<string>();
        using var timeout = new CancellationTokenSource(JobTimeout);
        try
        {
            await foreach (var batch in job.Results.ReadAllAsync(timeout.Token))
            {
                using (batch)
                {
                    changelog.AddRange(GoldenRowText.RowsWithKinds(batch));
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"The job did not finish within {JobTimeout}.");
        }

        var result = await job.Completion;
        if (result.Status != JobStatus.Finished)
        {
            throw result.Failure ?? new InvalidOperationException($"The job ended {result.Status}.");
        }

        return new GoldenRun(job.Plan.TrimEnd('\n'), changelog, result.Restarts, InjectedFailure: false, PausedSplits: 0);
    }

    private static async Task<GoldenRun> RunRestoreAsync(IReadOnlyList<SqlStatement> ddl, QueryStatement query)
    {
        var schedule = new RestoreSchedule();
        var store = new CollectStore<string>();
        var registry = new ConnectorRegistry().AddStandardFormats().AddBuiltinConnectors()
            .Add(new PausingFileTableFactory(schedule))
            .Add(new GoldenCollectTableFactory(store));
        const int Parallelism = 2;
        var session = CreateSession(registry, Parallelism, ddl);
        var catalog = session.Catalog;

        var plan = Planner.Plan(query, catalog);
        var columns = plan.Schema.Select((c, i) => CatalogColumn.Physical($"c{i}", c.Type)).ToList();
        var table = new CatalogTable(new ObjectIdentifier(catalog.CurrentCatalog, catalog.CurrentDatabase, ResultTable), columns,
            options: new Dictionary<string, string> { ["connector"] = GoldenCollectTableFactory.ConnectorName });
        var planner = new PhysicalPlanner("golden-restore", catalog, new PhysicalPlannerOptions(registry)
        {
            Parallelism = Parallelism,
            ScriptDirectory = GoldenCase.Root,
        });
        planner.AddInsert(new Sink(plan, table, new NodeList<string>(columns.Select(c => c.Name)), overwrite: false));

        var config = new JobConfig
        {
            CheckpointInterval = TimeSpan.FromMilliseconds(50),
            RestartStrategy = RestartStrategy.FixedDelay(1, TimeSpan.FromMilliseconds(10)),
        };
        await using var client = LocalExecutor.Start(planner.Build(), config);
        JobResult result;
        try
        {
            result = await client.Completion.WaitAsync(JobTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The job did not finish within {JobTimeout} (paused splits: {schedule.RegisteredSplits}, failed: {schedule.HasFailed}).");
        }

        if (result.Status != JobStatus.Finished)
        {
            throw result.Failure ?? new InvalidOperationException($"The job ended {result.Status}.");
        }

        return new GoldenRun(planner.Explain.TrimEnd('\n'), store.Committed, result.Restarts, schedule.HasFailed, schedule.RegisteredSplits);
    }
}

/// <summary>What a golden run produced.</summary>
/// <param name="Plan">The physical plan with changelog modes.</param>
/// <param name="Changelog">Every change, <c>+I[..]</c>; in order for a query run, in commit order for a restore run.</param>
/// <param name="Restarts">How often the job restarted.</param>
/// <param name="InjectedFailure">True when the restore run's failure was injected.</param>
/// <param name="PausedSplits">The source splits that paused before the injected failure.</param>
internal sealed record GoldenRun(string Plan, IReadOnlyList<string> Changelog, int Restarts, bool InjectedFailure, int PausedSplits)
{
    /// <summary>The final result: the changelog applied to a multiset, sorted ordinally.</summary>
    public IReadOnlyList<string> Rows { get; } = GoldenChangelog.Materialize(Changelog);
}
