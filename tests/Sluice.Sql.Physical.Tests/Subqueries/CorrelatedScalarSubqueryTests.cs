using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Subqueries;

/// <summary>
/// Scalar subqueries correlated by equalities (decorrelated into a grouped subquery joined on the keys, as Flink plans
/// them), in plain and aggregating queries (SELECT and HAVING), uncorrelated ones in aggregating queries, COUNT over no
/// rows, and the positioned errors of shapes that are not supported.
/// </summary>
public sealed class CorrelatedScalarSubqueryTests
{
    private const string Tables = """
        CREATE VIEW t1 AS SELECT * FROM (VALUES ('a', 1), ('a', 2), ('b', 3), ('c', 4)) AS t(k, v);
        CREATE VIEW t2 AS SELECT * FROM (VALUES ('a', 10), ('a', 20), ('b', 2)) AS t(k, w);

        """;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Correlated_InTheSelectOfAnAggregatingQuery(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT k, COUNT(*) AS n, (SELECT MAX(w) FROM t2 WHERE t2.k = t1.k) AS mx FROM t1 GROUP BY k;
            """, parallelism: parallelism);

        Assert.Equal(["[a, 2, 20]", "[b, 1, 2]", "[c, 1, NULL]"], result.Final);
    }

    [Fact]
    public async Task Correlated_Count_IsZeroForKeysWithoutRows()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT k, (SELECT COUNT(*) FROM t2 WHERE t2.k = t1.k AND w > 5) AS n FROM t1 GROUP BY k;
            """);

        Assert.Equal(["[a, 2]", "[b, 0]", "[c, 0]"], result.Final);
    }

    [Fact]
    public async Task Correlated_InHaving()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT k, SUM(v) AS total FROM t1 GROUP BY k HAVING SUM(v) < (SELECT MAX(w) FROM t2 WHERE t2.k = t1.k);
            """);

        // a: 3 < 20; b: 3 < 2 is false; c: the comparison with NULL is unknown.
        Assert.Equal(["[a, 3]"], result.Final);
    }

    [Fact]
    public async Task Uncorrelated_InAnAggregatingQuery()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT k, SUM(v) * 100 / (SELECT SUM(v) FROM t1) AS percent FROM t1 GROUP BY k;
            """);

        Assert.Equal(["[a, 30]", "[b, 30]", "[c, 40]"], result.Final);
    }

    [Fact]
    public async Task Correlated_InAPlainQuery()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT v, (SELECT MAX(w) FROM t2 WHERE t1.k = t2.k) AS mx FROM t1;
            """);

        Assert.Equal(["[1, 20]", "[2, 20]", "[3, 2]", "[4, NULL]"], result.Final);
    }

    [Fact]
    public async Task Correlated_InWhere_WithSeveralKeysAndALocalCondition()
    {
        var result = await SqlScriptRunner.RunAsync("""
            CREATE VIEW o AS SELECT * FROM (VALUES ('a', 1, 5), ('a', 2, 50), ('b', 1, 7), ('b', 1, 1)) AS t(k, j, amount);
            CREATE VIEW lim AS SELECT * FROM (VALUES ('a', 1, 4), ('a', 1, 9), ('a', 2, 60), ('b', 1, 3), ('b', 1, 100)) AS t(k, j, cap);
            SELECT k, j, amount FROM o WHERE amount < (SELECT MAX(cap) FROM lim WHERE lim.k = o.k AND lim.j = o.j AND cap < 50);
            """);

        // Largest cap below 50 per (k, j): (a, 1) 9, (a, 2) none (NULL: no row passes), (b, 1) 3.
        Assert.Equal(["[a, 1, 5]", "[b, 1, 1]"], result.Final);
    }

    [Fact]
    public async Task Correlated_PlainValue_IsTheOnlyRowOfItsKey()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT v, (SELECT w FROM t2 WHERE t2.k = t1.k AND w < 15) AS w FROM t1;
            """);

        Assert.Equal(["[1, 10]", "[2, 10]", "[3, 2]", "[4, NULL]"], result.Final);
    }

    [Fact]
    public async Task Correlated_PlainValue_WithTwoRowsForAKey_FailsTheJob()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SqlScriptRunner.RunAsync(Tables + """
            SELECT v, (SELECT w FROM t2 WHERE t2.k = t1.k) AS w FROM t1;
            """));

        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        Assert.Contains(messages, m => m.Contains("returned 2 rows for one key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Correlated_OnANonGroupingColumn_IsAPositionedError()
    {
        var error = await Assert.ThrowsAnyAsync<SqlException>(() => SqlScriptRunner.RunAsync(Tables + """
            SELECT k,
              (SELECT MAX(w) FROM t2 WHERE t2.w = t1.v) FROM t1 GROUP BY k;
            """));

        // The script's line 4 (after the two views and a blank line), at the subquery.
        Assert.Contains("GROUP BY column", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, error.Line);
        Assert.Equal(3, error.Column);
    }

    [Fact]
    public async Task Correlated_ByANonEquality_InAnAggregatingQuery()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT k, (SELECT MAX(w) FROM t2 WHERE t2.k > t1.k) FROM t1 GROUP BY k;
            """);

        // Keys after 'a': only b's 2; none after 'b' or 'c'.
        Assert.Equal(["[a, 2]", "[b, NULL]", "[c, NULL]"], result.Final);
    }
}
