using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Sql.Physical.Tests.Subqueries;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// Joins without any condition (<c>CROSS JOIN</c>, a comma between tables, <c>ON TRUE</c>) run as Flink runs them in
/// streaming: every pair is joined, at parallelism 1 (Flink's <c>Join(joinType=[InnerJoin], where=[true])</c> over
/// single exchanges); an outer one pads the rows of a side when the other side is empty.
/// </summary>
public sealed class CrossJoinTests
{
    private const string Tables = """
        CREATE VIEW a AS SELECT * FROM (VALUES (1, 5), (2, 8)) AS t(id, v);
        CREATE VIEW b AS SELECT * FROM (VALUES (10, 6), (11, 9), (12, 1)) AS t(rid, w);
        CREATE VIEW e AS SELECT * FROM (VALUES (99, 0)) AS t(eid, x) WHERE x > 0;

        """;

    private static readonly string[] AllPairs = ["[1, 10]", "[1, 11]", "[1, 12]", "[2, 10]", "[2, 11]", "[2, 12]"];

    [Theory]
    [InlineData("SELECT id, rid FROM a JOIN b ON TRUE;", 1)]
    [InlineData("SELECT id, rid FROM a CROSS JOIN b;", 1)]
    [InlineData("SELECT id, rid FROM a, b;", 3)]
    public async Task JoinWithoutACondition_JoinsEveryPair(string query, int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Tables + query, parallelism: parallelism);

        Assert.Equal(AllPairs, result.Final.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void JoinWithoutACondition_RunsAtParallelismOne()
    {
        var vertices = NotInValueEqualityTests.PlanVertices(Tables, "SELECT id, rid FROM a, b;", 3);

        Assert.Contains(vertices, v => v.Name == "join" && v.Parallelism == 1);
    }

    [Fact]
    public async Task LeftJoinOnTrue_WithAnEmptyRightSide_PadsEveryLeftRow()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + "SELECT id, eid FROM a LEFT JOIN e ON TRUE;");

        Assert.Equal(["[1, NULL]", "[2, NULL]"], result.Final.Order(StringComparer.Ordinal));
    }
}
