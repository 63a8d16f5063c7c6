using System.Text.Json.Nodes;
using Sluice.Sql.Physical.Session;

namespace Sluice.Sql.Physical.Tests.EndToEnd;

/// <summary>
/// <c>EXPLAIN</c> in the shape of Flink 2's (the EXPLAIN page): the sections <c>== Abstract Syntax Tree ==</c>,
/// <c>== Optimized Physical Plan ==</c> and <c>== Optimized Execution Plan ==</c> in that order, <c>EXPLAIN PLAN
/// FOR</c>, and the details <c>ESTIMATED_COST</c>, <c>CHANGELOG_MODE</c>, <c>PLAN_ADVICE</c> and
/// <c>JSON_EXECUTION_PLAN</c> with their sections and annotations; also for a statement set.
/// </summary>
public sealed class ExplainSectionsTests
{
    private const string Tables = """
        CREATE TABLE MyTable1 (`count` BIGINT, word VARCHAR(256)) WITH ('connector' = 'datagen', 'number-of-rows' = '10');
        CREATE TABLE MyTable2 (`count` BIGINT, word VARCHAR(256)) WITH ('connector' = 'datagen', 'number-of-rows' = '10');
        CREATE TABLE Out1 (`count` BIGINT, c BIGINT) WITH ('connector' = 'blackhole');

        """;

    private const string Query = """
        SELECT `count`, COUNT(word) FROM (
          SELECT `count`, word FROM MyTable1 WHERE word LIKE 'F%'
          UNION ALL
          SELECT `count`, word FROM MyTable2) tmp
        GROUP BY `count`
        """;

    private static string Explain(string statement, Dictionary<string, string>? configuration = null)
    {
        var session = new SqlSession(new SqlSessionOptions(SqlScriptRunner.Registry())
        {
            Parallelism = 2,
            Configuration = configuration ?? new Dictionary<string, string>(),
        });
        var results = SqlSession.ParseScript(Tables + statement).Select(session.Execute).ToList();
        return (string)results[^1].Result!.Rows[0][0]!;
    }

    private static string Section(string plan, string header)
    {
        var start = plan.IndexOf(header, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {header} in:\n{plan}");
        start += header.Length + 1;
        var end = plan.IndexOf("\n== ", start, StringComparison.Ordinal);
        return end < 0 ? plan[start..] : plan[start..end];
    }

    [Fact]
    public void Explain_HasFlinksThreeSections_InOrder()
    {
        var plan = Explain("EXPLAIN " + Query + ";");

        var ast = plan.IndexOf("== Abstract Syntax Tree ==", StringComparison.Ordinal);
        var physical = plan.IndexOf("== Optimized Physical Plan ==", StringComparison.Ordinal);
        var execution = plan.IndexOf("== Optimized Execution Plan ==", StringComparison.Ordinal);
        Assert.True(ast == 0 && physical > ast && execution > physical, plan);
        Assert.DoesNotContain("== Physical Execution Plan ==", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("advice", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("cumulative cost", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanFor_IsThePlainExplain()
    {
        Assert.Equal(Explain("EXPLAIN " + Query + ";"), Explain("EXPLAIN PLAN FOR " + Query + ";"));
    }

    [Fact]
    public void ExecutionPlan_ShowsTheOperatorsFromTheResultToTheSources_WithTheExchanges()
    {
        var execution = Section(Explain("EXPLAIN " + Query + ";"), "== Optimized Execution Plan ==");
        var lines = execution.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // The root is the result, the aggregation is reached by a hash exchange, both sources are leaves drawn as
        // Flink draws them (":-" for an input followed by another, "+-" for the last).
        Assert.StartsWith("collect(", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("Exchange(distribution=[hash])", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("group-aggregate(", StringComparison.Ordinal) && l.Contains("parallelism=[2]", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(l => l.Contains("source:MyTable", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains(":- ", StringComparison.Ordinal));
        Assert.DoesNotContain("changelogMode", execution, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangelogMode_AnnotatesEveryPhysicalNode()
    {
        var physical = Section(Explain("EXPLAIN CHANGELOG_MODE " + Query + ";"), "== Optimized Physical Plan ==");

        Assert.All(physical.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            l => Assert.Contains("changelogMode=[", l, StringComparison.Ordinal));
        Assert.Contains("changelogMode=[I,UB,UA,D]", physical, StringComparison.Ordinal);
    }

    [Fact]
    public void EstimatedCost_AnnotatesEveryPhysicalNodeWithFlinksCostFields()
    {
        var physical = Section(Explain("EXPLAIN ESTIMATED_COST " + Query + ";"), "== Optimized Physical Plan ==");

        Assert.All(physical.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            l => Assert.EndsWith(": rowcount = unknown, cumulative cost = {unknown}", l, StringComparison.Ordinal));
    }

    [Fact]
    public void PlanAdvice_TagsAOnePhaseGroupAggregate_AndAdvisesTwoPhases()
    {
        var plan = Explain("EXPLAIN PLAN_ADVICE " + Query + ";");

        Assert.DoesNotContain("== Optimized Physical Plan ==", plan, StringComparison.Ordinal);
        var physical = Section(plan, "== Optimized Physical Plan With Advice ==");
        Assert.Contains("Aggregate(advice=[1], group=[count]", physical, StringComparison.Ordinal);
        Assert.Contains("advice[1]: [ADVICE] You might want to enable local-global two-phase optimization by configuring "
            + "('table.exec.mini-batch.enabled' to 'true'", physical, StringComparison.Ordinal);

        var withMiniBatch = Explain("EXPLAIN PLAN_ADVICE " + Query + ";", new Dictionary<string, string>
        {
            ["table.exec.mini-batch.enabled"] = "true",
            ["table.exec.mini-batch.allow-latency"] = "1 s",
            ["table.exec.mini-batch.size"] = "100",
            ["table.optimizer.agg-phase-strategy"] = "ONE_PHASE",
        });
        Assert.Contains("('table.optimizer.agg-phase-strategy' to 'AUTO')", withMiniBatch, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanAdvice_WithoutAnythingToAdvise_SaysSo()
    {
        var physical = Section(Explain("EXPLAIN PLAN_ADVICE SELECT `count` FROM MyTable1 WHERE `count` > 100;"),
            "== Optimized Physical Plan With Advice ==");

        Assert.EndsWith("\nNo available advice...\n", physical, StringComparison.Ordinal);
        Assert.DoesNotContain("advice=[", physical, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonExecutionPlan_IsTheJobGraphAsFlinksJson()
    {
        var plan = Explain("EXPLAIN ESTIMATED_COST, CHANGELOG_MODE, PLAN_ADVICE, JSON_EXECUTION_PLAN " + Query + ";");

        Assert.Contains("== Optimized Physical Plan With Advice ==", plan, StringComparison.Ordinal);
        Assert.Contains("== Optimized Execution Plan ==", plan, StringComparison.Ordinal);
        var json = JsonNode.Parse(Section(plan, "== Physical Execution Plan =="))!;
        var nodes = json["nodes"]!.AsArray();
        var ids = nodes.Select(n => (int)n!["id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(2, nodes.Count(n => (string?)n!["pact"] == "Data Source"));
        Assert.Single(nodes, n => (string?)n!["pact"] == "Data Sink");
        var aggregate = nodes.Single(n => ((string)n!["type"]!).StartsWith("group-aggregate[", StringComparison.Ordinal))!;
        Assert.Equal(2, (int)aggregate["parallelism"]!);
        Assert.All(aggregate["predecessors"]!.AsArray(), p =>
        {
            Assert.Equal("HASH", (string?)p!["ship_strategy"]);
            Assert.Contains((int)p["id"]!, ids);
        });
        Assert.Contains("  \"nodes\" : [ {", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void StatementSet_ExplainsEveryInsert_InEachSection()
    {
        var plan = Explain("""
            EXPLAIN STATEMENT SET BEGIN
              INSERT INTO Out1 SELECT `count`, COUNT(word) FROM MyTable1 GROUP BY `count`;
              INSERT INTO Out1 SELECT `count`, 1 FROM MyTable2;
            END;
            """);

        Assert.Equal(2, Section(plan, "== Abstract Syntax Tree ==").Split('\n').Count(l => l.StartsWith("Sink(table=[Out1]", StringComparison.Ordinal)));
        Assert.Equal(2, Section(plan, "== Optimized Physical Plan ==").Split('\n').Count(l => l.StartsWith("Sink(table=[Out1]", StringComparison.Ordinal)));
        var execution = Section(plan, "== Optimized Execution Plan ==").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, execution.Count(l => !l.StartsWith(' ') && !l.StartsWith(':') && !l.StartsWith('+')));
    }
}
