using Sluice.Core.Errors;
using Sluice.Sql.Physical.Session;
using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.MatchRecognize;

/// <summary>MATCH_RECOGNIZE through the session: EXPLAIN, keyed parallelism, and Flink's planning error for an updating input.</summary>
public sealed class MatchRecognizePlanningTests
{
    private const string Ddl = """
        CREATE TABLE Ticker (symbol STRING, price BIGINT, rowtime TIMESTAMP(3), WATERMARK FOR rowtime AS rowtime)
        WITH ('connector' = 'datagen', 'number-of-rows' = '10');
        """;

    private static Sluice.Sql.Planning.StatementResult Run(SqlSession session, string sql) =>
        SqlSession.ParseScript(sql).Select(session.Execute).ToList()[^1].Result!;

    [Fact]
    public void Explain_ShowsTheMatchNode_InsertOnly()
    {
        var session = new SqlSession(new SqlSessionOptions(SqlScriptRunner.Registry()));
        var result = Run(session, Ddl + """
            EXPLAIN SELECT * FROM Ticker MATCH_RECOGNIZE (PARTITION BY symbol ORDER BY rowtime MEASURES AVG(A.price * 2) AS a
              PATTERN (A+ B) DEFINE A AS A.price > 0);
            """);
        var plan = (string)result.Rows[0][0]!;
        var physical = plan[plan.IndexOf("== Optimized Physical Plan ==", StringComparison.Ordinal)..];
        var match = physical.Split('\n').Single(l => l.TrimStart().StartsWith("Match(", StringComparison.Ordinal));
        Assert.StartsWith("Match(partition=[symbol], order=[rowtime ASC], measures=[AVG(A.price * ", match.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("skip=[PAST LAST ROW], pattern=[A+ B], define=[A AS A.price > ", match, StringComparison.Ordinal);
        Assert.EndsWith("changelogMode=[I]", match, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyedByPartition_AtTheDefaultParallelism_WithoutPartitionAtOne()
    {
        var keyed = Subqueries.NotInValueEqualityTests.PlanVertices(Ddl,
            "SELECT * FROM Ticker MATCH_RECOGNIZE (PARTITION BY symbol ORDER BY rowtime MEASURES SUM(A.price * 2) AS s PATTERN (A B) DEFINE A AS A.price > 0)", 4);
        Assert.Equal(4, keyed.Single(v => v.Name == "match-recognize").Parallelism);
        Assert.Contains(keyed, v => v.Name == "match-prepare");
        var global = Subqueries.NotInValueEqualityTests.PlanVertices(Ddl,
            "SELECT * FROM Ticker MATCH_RECOGNIZE (ORDER BY rowtime MEASURES A.price AS p PATTERN (A B) DEFINE A AS A.price > 0)", 4);
        Assert.Equal(1, global.Single(v => v.Name == "match-recognize").Parallelism);
    }

    [Fact]
    public void UpdatingInput_IsAPlanningError()
    {
        var error = Assert.ThrowsAny<SluiceException>(() => Subqueries.NotInValueEqualityTests.PlanVertices(Ddl + """
            CREATE VIEW Latest AS SELECT symbol, MAX(price) AS price, MAX(rowtime) AS rowtime FROM Ticker GROUP BY symbol;
            """,
            "SELECT * FROM (SELECT symbol, price, PROCTIME() AS pt FROM Latest) MATCH_RECOGNIZE (PARTITION BY symbol ORDER BY pt MEASURES A.price AS p PATTERN (A B) DEFINE A AS A.price > 0)", 1));
        Assert.Contains("MATCH_RECOGNIZE doesn't support consuming update and delete changes", error.Message, StringComparison.Ordinal);
    }
}
