using Sluice.Connectors.Builtin;
using Sluice.Formats;
using Sluice.Runtime.Execution;
using Sluice.Sql.Ast;
using Sluice.Sql.Catalog;
using Sluice.Sql.Physical.Planning;
using Sluice.Sql.Physical.Session;
using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Sql.Physical.Tests.Golden;
using Sluice.Sql.Planning;
using Sluice.Testing.Sinks;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>
/// Mini-batch and two-phase aggregation in a job that fails once and restarts from a checkpoint (the golden cases'
/// restore machinery: sources pause at half their files until a checkpoint covering that position completed, then the
/// job fails). Bundles never end by size or latency here, only at barriers and end of input, so every row before the
/// checkpoint must have been folded before its barrier: the exactly-once sink must hold the result of a plain run.
/// </summary>
public sealed class MiniBatchRestoreTests
{
    private const string Ddl = """
        CREATE TABLE Orders (
          id BIGINT, customer STRING, product STRING, quantity INT, price DECIMAL(10, 2), ts TIMESTAMP(3),
          WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
        ) WITH ('connector' = 'filesystem', 'path' = 'data/orders.csv', 'format' = 'csv',
                'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');
        """;

    private const string Query = """
        SELECT product, COUNT(*) AS orders, SUM(quantity) AS quantity, MIN(price) AS lo, MAX(quantity) AS most,
               COUNT(DISTINCT customer) AS buyers
        FROM Orders GROUP BY product;
        """;

    private const string TwoPhaseQuery = """
        SELECT customer, COUNT(*) AS orders, SUM(quantity) AS quantity, MIN(price) AS lo, MAX(quantity) AS most
        FROM Orders GROUP BY customer;
        """;

    [Theory]
    [InlineData(Query, "ONE_PHASE", false)]
    [InlineData(TwoPhaseQuery, "TWO_PHASE", false)]
    [InlineData(Query, "AUTO", true)]
    public async Task FailureAndRestore_WithBufferedBundles_CommitTheResultOfAPlainRunExactlyOnce(string query, string strategy, bool split)
    {
        var expected = await SqlScriptRunner.RunAsync(Ddl + query, GoldenCase.Root, parallelism: 1);
        var configuration = new Dictionary<string, string>
        {
            ["table.exec.mini-batch.enabled"] = "true",
            ["table.exec.mini-batch.allow-latency"] = "1 h",
            ["table.exec.mini-batch.size"] = "1000000",
            ["table.optimizer.agg-phase-strategy"] = strategy,
            ["table.optimizer.distinct-agg.split.enabled"] = split ? "true" : "false",
            ["table.optimizer.distinct-agg.split.bucket-num"] = "8",
        };

        var (rows, restarts, failed, plan) = await RunWithOneRestoreAsync(query, configuration);

        Assert.True(failed, "the injected failure should have happened");
        Assert.Equal(1, restarts);
        Assert.NotEmpty(expected.Final);
        Assert.Equal(expected.Final, rows.Order(StringComparer.Ordinal));
        if (strategy == "TWO_PHASE")
        {
            Assert.Contains("LocalGroupAggregate", plan, StringComparison.Ordinal);
        }

        if (split)
        {
            Assert.Contains("PartialDistinctAggregate", plan, StringComparison.Ordinal);
        }
    }

    private static async Task<(IReadOnlyList<string> Rows, int Restarts, bool Failed, string Plan)> RunWithOneRestoreAsync(
        string query, Dictionary<string, string> configuration)
    {
        var schedule = new RestoreSchedule();
        var store = new CollectStore<string>();
        var registry = new Connectors.Abstractions.Table.ConnectorRegistry().AddStandardFormats().AddBuiltinConnectors()
            .Add(new PausingFileTableFactory(schedule))
            .Add(new GoldenCollectTableFactory(store));
        var session = new SqlSession(new SqlSessionOptions(registry) { Parallelism = 2, ScriptDirectory = GoldenCase.Root, Configuration = configuration });
        foreach (var statement in SqlSession.ParseScript(Ddl))
        {
            session.Execute(statement);
        }

        var catalog = session.Catalog;
        var plan = Planner.Plan((QueryStatement)SqlSession.ParseScript(query)[0], catalog);
        var columns = plan.Schema.Select((c, i) => CatalogColumn.Physical($"c{i}", c.Type)).ToList();
        var table = new CatalogTable(new ObjectIdentifier(catalog.CurrentCatalog, catalog.CurrentDatabase, GoldenRunner.ResultTable), columns,
            options: new Dictionary<string, string> { ["connector"] = GoldenCollectTableFactory.ConnectorName });
        var planner = new PhysicalPlanner("mini-batch-restore", catalog, new PhysicalPlannerOptions(registry)
        {
            Parallelism = 2,
            ScriptDirectory = GoldenCase.Root,
        }.WithConfiguration(configuration));
        planner.AddInsert(new Sink(plan, table, new NodeList<string>(columns.Select(c => c.Name)), overwrite: false));

        var config = new JobConfig
        {
            CheckpointInterval = TimeSpan.FromMilliseconds(50),
            RestartStrategy = RestartStrategy.FixedDelay(1, TimeSpan.FromMilliseconds(10)),
        };
        await using var client = LocalExecutor.Start(planner.Build(), config);
        var result = await client.Completion.WaitAsync(TimeSpan.FromMinutes(2));
        if (result.Status != JobStatus.Finished)
        {
            throw result.Failure ?? new InvalidOperationException($"The job ended {result.Status}.");
        }

        return (GoldenChangelog.Materialize(store.Committed), result.Restarts, schedule.HasFailed, planner.Explain);
    }
}
