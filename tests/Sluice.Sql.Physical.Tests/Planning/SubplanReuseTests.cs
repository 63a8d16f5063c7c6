using Sluice.Sql.Physical.Planning;
using Sluice.Sql.Physical.Session;
using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Planning;

/// <summary>
/// Equal subtrees of a statement are translated once (Flink's source and sub-plan reuse): one source for several
/// scans of a table, one operator for equal aggregations, never for non-deterministic expressions or differently
/// hinted tables; the results are those of the plan without reuse.
/// </summary>
public sealed class SubplanReuseTests
{
    private const string Ddl = """
        CREATE TABLE events (
            id BIGINT,
            kind AS CAST(id % 3 AS INT),
            v AS CAST((id * 7) % 5 AS INT) + 1,
            ts AS TO_TIMESTAMP_LTZ(id * 700, 3),
            WATERMARK FOR ts AS ts
        ) WITH (
            'connector' = 'datagen', 'number-of-rows' = '300',
            'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '300'
        );
        CREATE VIEW a AS SELECT id, v, ts FROM events WHERE kind = 0;
        CREATE VIEW b AS SELECT id, v, ts FROM events WHERE kind = 1;
        CREATE VIEW counts AS
            SELECT v, COUNT(*) AS n, window_start, window_end
            FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
            GROUP BY v, window_start, window_end;

        """;

    /// <summary>Two views over one table, joined: Nexmark's person/auction/bid shape.</summary>
    private const string TwoViews = "SELECT a.id, b.id FROM a JOIN b ON a.v = b.v AND a.id + 10 = b.id;";

    /// <summary>q5's shape: the same window aggregation twice, once per auction and once for the maximum.</summary>
    private const string SameAggregationTwice = """
        SELECT c.v, c.n, c.window_end
        FROM counts AS c
        JOIN (SELECT MAX(n) AS maxn, window_start, window_end FROM counts GROUP BY window_start, window_end) AS m
        ON c.window_start = m.window_start AND c.window_end = m.window_end AND c.n >= m.maxn;
        """;

    private static readonly Dictionary<string, string> NoReuse = new() { [PhysicalPlannerOptions.ReuseSubplansKey] = "false" };

    [Fact]
    public void ScansOfOneTable_ShareOneSource()
    {
        Assert.Single(Vertices(TwoViews), v => v.Name.StartsWith("source:", StringComparison.Ordinal));
        Assert.Equal(2, Vertices(TwoViews, NoReuse).Count(v => v.Name.StartsWith("source:", StringComparison.Ordinal)));
        Assert.Equal(2, Vertices(TwoViews, new Dictionary<string, string> { [PhysicalPlannerOptions.ReuseSourcesKey] = "false" })
            .Count(v => v.Name.StartsWith("source:", StringComparison.Ordinal)));
    }

    [Fact]
    public void EqualAggregations_ShareOneOperator()
    {
        static int Aggregations(IEnumerable<Runtime.Graph.JobVertex> vertices) => vertices.Count(v => v.Name.Contains("window-aggregate", StringComparison.Ordinal));

        // Shared: the per-key window aggregation once, plus the global maximum over it.
        Assert.Equal(2, Aggregations(Vertices(SameAggregationTwice)));
        Assert.Equal(3, Aggregations(Vertices(SameAggregationTwice, NoReuse)));
    }

    [Fact]
    public void NonDeterministicSubtrees_AndHintedScans_AreNotShared()
    {
        const string random = """
            SELECT x.r, y.r FROM (SELECT id, RAND() AS r FROM events) AS x JOIN (SELECT id, RAND() AS r FROM events) AS y ON x.id = y.id;
            """;
        var vertices = Vertices(random);

        // One source, but each RAND() projection computed on its own.
        Assert.Single(vertices, v => v.Name.StartsWith("source:", StringComparison.Ordinal));
        static int Projections(IEnumerable<Runtime.Graph.JobVertex> vertices) => vertices.Count(v => v.Name is "calc" or "project");
        Assert.Equal(Projections(Vertices(random, NoReuse)), Projections(vertices));

        const string hinted = "SELECT x.id FROM events AS x JOIN events /*+ OPTIONS('number-of-rows' = '10') */ AS y ON x.id = y.id;";
        Assert.Equal(2, Vertices(hinted).Count(v => v.Name.StartsWith("source:", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(TwoViews, 1)]
    [InlineData(TwoViews, 3)]
    [InlineData(SameAggregationTwice, 1)]
    [InlineData(SameAggregationTwice, 3)]
    public async Task SharedPlans_GiveTheResultsOfThePlanWithoutReuse(string query, int parallelism)
    {
        var shared = await SqlScriptRunner.RunAsync(Ddl + query, parallelism: parallelism);
        var separate = await SqlScriptRunner.RunAsync(Ddl + query, parallelism: parallelism, configuration: NoReuse);
        Assert.NotEmpty(shared.Final);
        Assert.Equal(separate.Final.Order(StringComparer.Ordinal), shared.Final.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Two INSERTs of a statement set reading different columns of one table, one of them through an aggregation
    /// that the other repeats: as in Flink, they share the source and the equal aggregation.
    /// </summary>
    private const string StatementSet = """
        EXECUTE STATEMENT SET BEGIN
        INSERT INTO out_a SELECT id, v FROM a;
        INSERT INTO out_b SELECT v, n FROM counts WHERE n > 2;
        INSERT INTO out_c SELECT v, n FROM counts WHERE n <= 2;
        END;
        """;

    [Fact]
    public void StatementsOfASet_ShareSourcesAndEqualSubplans()
    {
        static int Sources(IEnumerable<Runtime.Graph.JobVertex> vertices) => vertices.Count(v => v.Name.StartsWith("source:", StringComparison.Ordinal));
        static int Aggregations(IEnumerable<Runtime.Graph.JobVertex> vertices) => vertices.Count(v => v.Name.Contains("window-aggregate", StringComparison.Ordinal));

        var shared = StatementSetVertices(null, "blackhole");
        Assert.Equal(1, Sources(shared));
        Assert.Equal(1, Aggregations(shared));

        var separate = StatementSetVertices(NoReuse, "blackhole");
        Assert.Equal(3, Sources(separate));
        Assert.Equal(2, Aggregations(separate));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task StatementsOfASet_GiveTheResultsOfThePlansWithoutReuse(int parallelism)
    {
        async Task<string[]> RunAsync(IReadOnlyDictionary<string, string>? configuration)
        {
            var directory = Directory.CreateTempSubdirectory("sluice-reuse-set-").FullName;
            try
            {
                var sinks = SinkDdl($"'connector' = 'filesystem', 'format' = 'csv', 'path' = '{directory}/SINK'");
                await SqlScriptRunner.RunAsync(Ddl + sinks + StatementSet, parallelism: parallelism, configuration: configuration);
                return new[] { "out_a", "out_b", "out_c" }.SelectMany(table => Directory.EnumerateFiles(Path.Combine(directory, table))
                        .Where(f => !Path.GetFileName(f).StartsWith('.'))
                        .SelectMany(File.ReadAllLines)
                        .Select(line => table + ":" + line))
                    .Order(StringComparer.Ordinal)
                    .ToArray();
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        var shared = await RunAsync(null);
        Assert.Contains(shared, row => row.StartsWith("out_a:", StringComparison.Ordinal));
        Assert.Contains(shared, row => row.StartsWith("out_b:", StringComparison.Ordinal));
        Assert.Contains(shared, row => row.StartsWith("out_c:", StringComparison.Ordinal));
        Assert.Equal(await RunAsync(NoReuse), shared);
    }

    private static string SinkDdl(string with) => string.Concat(new[] { ("out_a", "id BIGINT, v INT"), ("out_b", "v INT, n BIGINT"), ("out_c", "v INT, n BIGINT") }
        .Select(t => $"CREATE TABLE {t.Item1} ({t.Item2}) WITH ({with.Replace("SINK", t.Item1, StringComparison.Ordinal)});\n"));

    private static IReadOnlyList<Runtime.Graph.JobVertex> StatementSetVertices(IReadOnlyDictionary<string, string>? configuration, string connector)
    {
        var registry = SqlScriptRunner.Registry();
        var session = new SqlSession(new SqlSessionOptions(registry)
        {
            CollectInserts = true,
            Configuration = configuration ?? new Dictionary<string, string>(),
        });
        foreach (var statement in SqlSession.ParseScript(Ddl + SinkDdl($"'connector' = '{connector}'") + StatementSet))
        {
            session.Execute(statement);
        }

        return session.PlanCollectedInserts()!.Graph.Vertices;
    }

    private static IReadOnlyList<Runtime.Graph.JobVertex> Vertices(string query, IReadOnlyDictionary<string, string>? configuration = null)
    {
        var registry = SqlScriptRunner.Registry();
        var session = new SqlSession(new SqlSessionOptions(registry));
        foreach (var statement in SqlSession.ParseScript(Ddl))
        {
            session.Execute(statement);
        }

        var plan = Sql.Planning.Planner.Plan(SqlSession.ParseScript(query).Single(), session.Catalog);
        var options = new PhysicalPlannerOptions(registry).WithConfiguration(configuration ?? new Dictionary<string, string>());
        var planner = new PhysicalPlanner("reuse", session.Catalog, options);
        planner.AddQuery(plan, System.Threading.Channels.Channel.CreateUnbounded<Core.Batches.RecordBatch>().Writer);
        return planner.Build().Vertices;
    }
}
