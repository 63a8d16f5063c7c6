using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Subqueries;

/// <summary>
/// <c>(a, b) [NOT] IN (SELECT x, y ...)</c> with SQL's three-valued logic: a row is IN when some subquery row equals it
/// in every column; it is NOT IN only when every subquery row differs from it in some column where both values are
/// non-null (a comparison with NULL is unknown, and an unknown row is not returned).
/// </summary>
public sealed class RowInSubqueryTests
{
    private const string Tables = """
        CREATE VIEW l AS SELECT a, CAST(b AS STRING) AS b
          FROM (VALUES (1, 'a'), (2, 'b'), (3, CAST(NULL AS STRING)), (CAST(NULL AS INT), 'd'), (5, 'e')) AS t(a, b);
        CREATE VIEW r AS SELECT x, CAST(y AS STRING) AS y FROM (VALUES (1, 'a'), (2, 'x'), (CAST(NULL AS INT), 'e')) AS t(x, y);

        """;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task NotIn_WithARow_FollowsThreeValuedLogicPerColumn(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Tables + "SELECT a, b FROM l WHERE (a, b) NOT IN (SELECT x, y FROM r);", parallelism: parallelism);

        // (1, a) matches; (3, NULL) and (5, e) are unknown against (NULL, e); (NULL, d) differs from every row in b.
        Assert.Equal(["[2, b]", "[NULL, d]"], result.Final);
    }

    [Fact]
    public async Task In_WithARow_NeedsEveryColumnEqual()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + "SELECT a, b FROM l WHERE (a, b) IN (SELECT x, y FROM r);");

        Assert.Equal(["[1, a]"], result.Final);
    }

    [Fact]
    public async Task NotIn_WithARow_AgainstAnEmptySubquery_KeepsEveryRow()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + "SELECT a, b FROM l WHERE (a, b) NOT IN (SELECT x, y FROM r WHERE x > 100);");

        Assert.Equal(["[1, a]", "[2, b]", "[3, NULL]", "[5, e]", "[NULL, d]"], result.Final);
    }

    [Fact]
    public async Task NotIn_WithARow_FollowsChangesOfTheSubquery()
    {
        // The subquery is an aggregation whose rows are updated: (2, 1) becomes (2, 2), so (2, 1) is NOT IN in the end.
        var result = await SqlScriptRunner.RunAsync("""
            CREATE VIEW l AS SELECT * FROM (VALUES (1, CAST(1 AS BIGINT)), (2, CAST(1 AS BIGINT)), (3, CAST(1 AS BIGINT))) AS t(a, b);
            SELECT a, b FROM l WHERE (a, b) NOT IN (SELECT k, COUNT(*) FROM (VALUES (1), (2), (2)) AS v(k) GROUP BY k);
            """);

        Assert.Equal(["[2, 1]", "[3, 1]"], result.Final);
    }

    [Fact]
    public async Task NotIn_ComparesCharacterStringsOfDifferentLengths()
    {
        // 'b' and 'x' are CHAR(1) literals, the column a STRING.
        var result = await SqlScriptRunner.RunAsync("""
            CREATE VIEW l AS SELECT CAST(s AS STRING) AS s, n FROM (VALUES ('b', 1), ('c', 2), ('x', 3)) AS t(s, n);
            SELECT s, n FROM l WHERE (s, n) NOT IN (SELECT 'b', 1 UNION ALL SELECT 'x', 2);
            """);

        Assert.Equal(["[c, 2]", "[x, 3]"], result.Final);
    }

    [Fact]
    public async Task In_WithARow_OfTheWrongWidth_IsAnError()
    {
        var error = await Assert.ThrowsAnyAsync<SqlException>(() =>
            SqlScriptRunner.RunAsync(Tables + "SELECT a FROM l WHERE (a, b) IN (SELECT x FROM r);"));
        Assert.Contains("2 columns", error.Message, StringComparison.Ordinal);
    }
}
