using Sluice.Core.Errors;
using Sluice.Sql.Physical.Session;
using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>
/// Mini-batch and local-global aggregation end to end through <see cref="SqlSession"/>: the options, EXPLAIN, and
/// results equal to the one-phase, non-mini-batch run at parallelism 2.
/// </summary>
public sealed class TwoPhaseAggregateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-two-phase-").FullName;

    public TwoPhaseAggregateTests()
    {
        // Two files (two splits), 600 rows over 7 keys with NULLs in the value.
        var random = new Random(11);
        for (var file = 0; file < 2; file++)
        {
            var lines = Enumerable.Range(0, 300).Select(i =>
            {
                var id = (file * 300) + i;
                var value = random.Next(10) == 0 ? string.Empty : random.Next(-50, 1_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return $"{id},k{random.Next(7)},{value}";
            });
            Directory.CreateDirectory(Path.Combine(_directory, "events"));
            File.WriteAllLines(Path.Combine(_directory, "events", $"part-{file}.csv"), lines);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Events() => $"""
        CREATE TABLE Events (id BIGINT, k STRING, v INT)
        WITH ('connector' = 'filesystem', 'path' = '{Path.Combine(_directory, "events")}', 'format' = 'csv');
        """;

    private const string Aggregates = """
        SELECT k, COUNT(*) AS n, COUNT(v) AS nv, SUM(v) AS s, MIN(v) AS lo, MAX(v) AS hi, AVG(v) AS av,
               SUM(v) FILTER (WHERE v > 500) AS big
        FROM Events GROUP BY k;
        """;

    /// <summary>An aggregate over an updating input: the local phase sees retractions.</summary>
    private const string OverUpdates = """
        SELECT n, COUNT(*) AS keys, MIN(s) AS lo, MAX(s) AS hi, SUM(s) AS total
        FROM (SELECT k, COUNT(*) AS n, SUM(v) AS s FROM Events WHERE id % 3 <> 0 GROUP BY k, id % 5)
        GROUP BY n;
        """;

    /// <summary>A global aggregate: the local phase runs at the input's parallelism, the global one at 1.</summary>
    private const string Global = "SELECT COUNT(*) AS n, SUM(v) AS s, MIN(v) AS lo, MAX(v) AS hi, STDDEV_POP(CAST(v AS DECIMAL(10, 0))) AS sd FROM Events;";

    private static Dictionary<string, string> Config(bool miniBatch, string strategy) => miniBatch
        ? new()
        {
            ["table.exec.mini-batch.enabled"] = "true",
            ["table.exec.mini-batch.allow-latency"] = "2 s",
            ["table.exec.mini-batch.size"] = "50",
            ["table.optimizer.agg-phase-strategy"] = strategy,
        }
        : new() { ["table.optimizer.agg-phase-strategy"] = strategy };

    private string Explain(string query, Dictionary<string, string> configuration)
    {
        var session = new SqlSession(new SqlSessionOptions(SqlScriptRunner.Registry()) { Parallelism = 2, Configuration = configuration });
        var statements = SqlSession.ParseScript(Events() + query);
        foreach (var statement in statements.Take(statements.Count - 1))
        {
            session.Execute(statement);
        }

        return session.Explain(statements[^1]);
    }

    [Theory]
    [InlineData(false, "TWO_PHASE")]
    [InlineData(true, "TWO_PHASE")]
    [InlineData(true, "AUTO")]
    [InlineData(true, "ONE_PHASE")]
    public async Task Results_AtParallelism2_EqualTheOnePhaseRunWithoutMiniBatch(bool miniBatch, string strategy)
    {
        foreach (var query in new[] { Aggregates, OverUpdates, Global })
        {
            var reference = await SqlScriptRunner.RunAsync(Events() + query, parallelism: 2, configuration: Config(false, "ONE_PHASE"));
            var result = await SqlScriptRunner.RunAsync(Events() + query, parallelism: 2, configuration: Config(miniBatch, strategy));

            Assert.NotEmpty(reference.Final);
            Assert.Equal(reference.Final, result.Final);
        }
    }

    [Theory]
    [InlineData("SELECT DISTINCT k, v > 500 AS big FROM Events;")]
    [InlineData("SELECT k, v > 500 AS big, COUNT(*) AS n, MAX(v) AS hi FROM Events GROUP BY ROLLUP (k, v > 500);")]
    [InlineData("SELECT k FROM Events WHERE v > 900 UNION SELECT k FROM Events WHERE v < 0;")]
    public async Task MiniBatch_DistinctRollupAndUnion_GiveTheResultWithout(string query)
    {
        var reference = await SqlScriptRunner.RunAsync(Events() + query, parallelism: 2, configuration: Config(false, "ONE_PHASE"));
        var result = await SqlScriptRunner.RunAsync(Events() + query, parallelism: 2, configuration: Config(true, "AUTO"));

        Assert.NotEmpty(reference.Final);
        Assert.Equal(reference.Final, result.Final);
    }

    [Fact]
    public async Task MiniBatch_EmitsFewerChanges_ThanWithout()
    {
        var without = await SqlScriptRunner.RunAsync(Events() + OverUpdates, parallelism: 1, configuration: Config(false, "ONE_PHASE"));
        var with = await SqlScriptRunner.RunAsync(Events() + OverUpdates, parallelism: 1, configuration: new Dictionary<string, string>
        {
            ["table.exec.mini-batch.enabled"] = "true",
            ["table.exec.mini-batch.allow-latency"] = "1 min",
            ["table.exec.mini-batch.size"] = "100000",
        });

        Assert.Equal(without.Final, with.Final);
        Assert.True(with.Changelog.Count < without.Changelog.Count, $"{with.Changelog.Count} changes with mini-batch, {without.Changelog.Count} without");
    }

    [Theory]
    [InlineData(true, "AUTO")]
    [InlineData(false, "TWO_PHASE")]
    public void Explain_TwoPhase_ShowsGlobalOverLocalGroupAggregate(bool miniBatch, string strategy)
    {
        var plan = Explain(Aggregates, Config(miniBatch, strategy));

        var lines = plan.Split('\n');
        var global = Array.FindIndex(lines, l => l.TrimStart().StartsWith("GlobalGroupAggregate(group=[k]", StringComparison.Ordinal));
        Assert.True(global >= 0, plan);
        Assert.StartsWith("LocalGroupAggregate(group=[k]", lines[global + 1].TrimStart(), StringComparison.Ordinal);
        Assert.Contains("changelogMode=[I,UB,UA,D]", lines[global], StringComparison.Ordinal);
        Assert.Contains("changelogMode=[I]", lines[global + 1], StringComparison.Ordinal);
        Assert.True(lines[global + 1].Length - lines[global + 1].TrimStart().Length > lines[global].Length - lines[global].TrimStart().Length);
    }

    [Theory]
    [InlineData(false, "AUTO", "SELECT k, SUM(v) AS s FROM Events GROUP BY k;")]
    [InlineData(true, "ONE_PHASE", "SELECT k, SUM(v) AS s FROM Events GROUP BY k;")]
    [InlineData(true, "TWO_PHASE", "SELECT k, COUNT(DISTINCT v) AS d FROM Events GROUP BY k;")]
    [InlineData(true, "TWO_PHASE", "SELECT k, LISTAGG(CAST(v AS STRING)) AS l FROM Events GROUP BY k;")]
    public void Explain_OnePhase_WhenNotAskedForOrACallCannotMerge(bool miniBatch, string strategy, string query)
    {
        var plan = Explain(query, Config(miniBatch, strategy));

        Assert.DoesNotContain("LocalGroupAggregate", plan, StringComparison.Ordinal);
        Assert.Contains("Aggregate(group=[k]", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MiniBatchEnabled_WithoutAllowLatency_FailsNamingTheOption()
    {
        var error = await Assert.ThrowsAnyAsync<SluiceException>(() => SqlScriptRunner.RunAsync(Events() + Aggregates, configuration: new Dictionary<string, string>
        {
            ["table.exec.mini-batch.enabled"] = "true",
            ["table.exec.mini-batch.size"] = "100",
        }));

        Assert.Contains("table.exec.mini-batch.allow-latency", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MiniBatchEnabled_WithoutSize_FailsNamingTheOption()
    {
        var error = await Assert.ThrowsAnyAsync<SluiceException>(() => SqlScriptRunner.RunAsync(Events() + Aggregates, configuration: new Dictionary<string, string>
        {
            ["table.exec.mini-batch.enabled"] = "true",
            ["table.exec.mini-batch.allow-latency"] = "1 s",
        }));

        Assert.Contains("table.exec.mini-batch.size", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("table.optimizer.agg-phase-strategy", "THREE_PHASE")]
    [InlineData("table.exec.mini-batch.enabled", "yes")]
    [InlineData("table.exec.mini-batch.allow-latency", "soon")]
    [InlineData("table.exec.mini-batch.size", "many")]
    public void Set_InvalidValue_IsRejectedNamingTheKeyAndNotKept(string key, string value)
    {
        var session = new SqlSession(new SqlSessionOptions(SqlScriptRunner.Registry()));

        var error = Assert.ThrowsAny<SluiceException>(() => session.Execute(SqlSession.ParseScript($"SET '{key}' = '{value}';")[0]));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.False(session.Configuration.ContainsKey(key));
    }

    private const string Distincts = """
        SELECT k, COUNT(DISTINCT v) AS dv, COUNT(*) AS n, SUM(DISTINCT v) AS sdv, MAX(v) AS hi, MIN(DISTINCT v) AS lo,
               COUNT(DISTINCT v) FILTER (WHERE v > 100) AS big
        FROM Events GROUP BY k;
        """;

    private const string GlobalDistinct = "SELECT COUNT(DISTINCT v) AS dv, COUNT(v) AS nv FROM Events;";

    private static Dictionary<string, string> Split(int buckets, bool miniBatch = false)
    {
        var configuration = Config(miniBatch, "AUTO");
        configuration["table.optimizer.distinct-agg.split.enabled"] = "true";
        configuration["table.optimizer.distinct-agg.split.bucket-num"] = buckets.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return configuration;
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(1024, false)]
    [InlineData(16, true)]
    public async Task SplitDistinct_AtParallelism2_EqualsTheUnsplitResult(int buckets, bool miniBatch)
    {
        foreach (var query in new[] { Distincts, GlobalDistinct })
        {
            var reference = await SqlScriptRunner.RunAsync(Events() + query, parallelism: 2, configuration: Config(false, "ONE_PHASE"));
            var result = await SqlScriptRunner.RunAsync(Events() + query, parallelism: 2, configuration: Split(buckets, miniBatch));

            Assert.NotEmpty(reference.Final);
            Assert.Equal(reference.Final, result.Final);
        }
    }

    [Fact]
    public void Explain_SplitDistinct_ShowsTheFinalAndPartialAggregates()
    {
        var plan = Explain(Distincts, Split(64));

        var lines = plan.Split('\n');
        var final = Array.FindIndex(lines, l => l.TrimStart().StartsWith("FinalDistinctAggregate(group=[k]", StringComparison.Ordinal));
        Assert.True(final >= 0, plan);
        Assert.StartsWith("PartialDistinctAggregate(group=[k]", lines[final + 1].TrimStart(), StringComparison.Ordinal);
        Assert.Contains("$bucket=[MOD(HASH(v), 64)]", lines[final + 1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT k, COUNT(DISTINCT v) AS d, AVG(v) AS a FROM Events GROUP BY k;")]
    [InlineData("SELECT k, COUNT(DISTINCT v) AS d, COUNT(DISTINCT id) AS i FROM Events GROUP BY k;")]
    [InlineData("SELECT k, COUNT(v) AS n FROM Events GROUP BY k;")]
    public void Explain_SplitDistinct_NotAppliedWhenTheCallsDoNotCombine(string query)
    {
        var plan = Explain(query, Split(64));

        Assert.DoesNotContain("DistinctAggregate", plan, StringComparison.Ordinal);
    }

    private static string Function(string name, string type) =>
        $"CREATE FUNCTION {name} AS 'Sluice.Udf.Samples.{type}' USING JAR '{Path.Combine(AppContext.BaseDirectory, "Sluice.Udf.Samples.dll")}';\n";

    [Fact]
    public async Task CSharpAggregateWithMerge_RunsInTwoPhases_WithTheOnePhaseResult()
    {
        var query = Function("weighted_avg", "WeightedAverage") + "SELECT k, weighted_avg(v, id) AS w, COUNT(*) AS n FROM Events GROUP BY k;";

        var plan = Explain(query, Config(false, "TWO_PHASE"));
        var reference = await SqlScriptRunner.RunAsync(Events() + query, parallelism: 2, configuration: Config(false, "ONE_PHASE"));
        var result = await SqlScriptRunner.RunAsync(Events() + query, parallelism: 2, configuration: Config(true, "TWO_PHASE"));

        Assert.Contains("LocalGroupAggregate", plan, StringComparison.Ordinal);
        Assert.NotEmpty(reference.Final);
        Assert.Equal(reference.Final, result.Final);
    }

    [Fact]
    public void CSharpAggregateWithoutMerge_KeepsOnePhase()
    {
        var plan = Explain(Function("concat_all", "Concat") + "SELECT k, concat_all(CAST(v AS STRING)) AS c FROM Events GROUP BY k;",
            Config(true, "TWO_PHASE"));

        Assert.DoesNotContain("LocalGroupAggregate", plan, StringComparison.Ordinal);
    }
}
