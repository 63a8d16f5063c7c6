using Sluice.Sql.Physical.Session;
using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Subqueries;

/// <summary>
/// <c>NOT IN</c> compares by SQL value (<c>-0.0 = 0.0</c>, expressions on either side) with SQL's NULL semantics, and is
/// partitioned by the column pairs that are NOT NULL on both sides (an anti join keyed by them) instead of running at
/// parallelism 1.
/// </summary>
public sealed class NotInValueEqualityTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task RowNotIn_ComparesDoublesByValue(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync("""
            CREATE VIEW a AS SELECT * FROM (VALUES (1, CAST('-0.0' AS DOUBLE), 'a1'), (1, CAST(1.5 AS DOUBLE), 'a2'), (2, CAST(0.0 AS DOUBLE), 'a3')) AS t(k, d, name);
            CREATE VIEW b AS SELECT * FROM (VALUES (1, CAST(0.0 AS DOUBLE)), (2, CAST(-2.5 AS DOUBLE))) AS t(k, d);
            SELECT name FROM a WHERE (a.k, a.d) NOT IN (SELECT b.k, b.d FROM b);
            """, parallelism: parallelism);

        // a1's -0.0 equals b's 0.0, so (1, -0.0) is in the subquery.
        Assert.Equal(["[a2]", "[a3]"], result.Final);
    }

    [Fact]
    public async Task NotIn_ComparesDoublesByValue()
    {
        var result = await SqlScriptRunner.RunAsync("""
            CREATE VIEW a AS SELECT * FROM (VALUES (CAST('-0.0' AS DOUBLE), 'a1'), (CAST(2 AS DOUBLE), 'a2')) AS t(d, name);
            CREATE VIEW b AS SELECT * FROM (VALUES (CAST(0 AS DOUBLE)), (CAST(3 AS DOUBLE))) AS t(d);
            SELECT name FROM a WHERE d NOT IN (SELECT d FROM b);
            """);

        Assert.Equal(["[a2]"], result.Final);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task RowNotIn_WithExpressionsOnBothSides_KeepsTheNullSemantics(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync("""
            CREATE VIEW a AS SELECT * FROM (VALUES (1, 'p', 'a1'), (2, 'q', 'a2'), (3, CAST(NULL AS STRING), 'a3'), (4, 'r', 'a4')) AS t(x, s, name);
            CREATE VIEW b AS SELECT * FROM (VALUES (1, 'P'), (2, 'Q'), (4, CAST(NULL AS STRING))) AS t(y, s);
            SELECT name FROM a WHERE (a.x + 1, UPPER(a.s)) NOT IN (SELECT b.y * 2, b.s FROM b);
            """, parallelism: parallelism);

        // The subquery rows are (2, P), (4, Q), (8, NULL). a1 (2, P): in it. a2 (3, Q): differs from every row.
        // a3 (4, NULL): (4, Q) is unknown, not false. a4 (5, R): differs from every row where both are non-null.
        Assert.Equal(["[a2]", "[a4]"], result.Final);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task RowNotIn_OverNotNullColumns_IsPartitioned(int parallelism)
    {
        const string Script = """
            CREATE VIEW a AS SELECT * FROM (VALUES (1, 10, 'a1'), (1, 20, 'a2'), (2, 10, 'a3'), (3, CAST(NULL AS INT), 'a4'), (4, CAST(NULL AS INT), 'a5')) AS t(k, v, name);
            CREATE VIEW b AS SELECT * FROM (VALUES (1, 10), (2, CAST(NULL AS INT)), (3, 7)) AS t(k, v);

            """;
        var result = await SqlScriptRunner.RunAsync(Script + "SELECT name FROM a WHERE (k, v) NOT IN (SELECT k, v FROM b);", parallelism: parallelism);

        // k is NOT NULL on both sides: only rows of the same k can match. a1 matches (1, 10); a3 is unknown against
        // (2, NULL); a4 is unknown against (3, 7); a2 differs in v; a5's k has no rows.
        Assert.Equal(["[a2]", "[a5]"], result.Final);

        // At parallelism 3 the anti join runs keyed by k at parallelism 3, not as the parallelism-1 null-aware operator.
        var vertices = PlanVertices(Script, "SELECT name FROM a WHERE (k, v) NOT IN (SELECT k, v FROM b);", 3);
        Assert.Contains(vertices, v => v.Name == "anti-join" && v.Parallelism == 3);
        Assert.DoesNotContain(vertices, v => v.Name.StartsWith("not-in", StringComparison.Ordinal));
    }

    /// <summary>The vertices of the job that runs <paramref name="query"/> after <paramref name="script"/>.</summary>
    internal static IReadOnlyList<Runtime.Graph.JobVertex> PlanVertices(string script, string query, int parallelism)
    {
        var registry = SqlScriptRunner.Registry();
        var session = new SqlSession(new SqlSessionOptions(registry) { Parallelism = parallelism });
        foreach (var statement in SqlSession.ParseScript(script))
        {
            session.Execute(statement);
        }

        var plan = Sql.Planning.Planner.Plan(SqlSession.ParseScript(query).Single(), session.Catalog);
        var planner = new Physical.Planning.PhysicalPlanner("vertices", session.Catalog, new Physical.Planning.PhysicalPlannerOptions(registry) { Parallelism = parallelism });
        planner.AddQuery(plan, System.Threading.Channels.Channel.CreateUnbounded<Core.Batches.RecordBatch>().Writer);
        return planner.Build().Vertices;
    }
}
