using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Subqueries;

/// <summary>
/// Correlated subqueries whose outer rows (and inner rows) have NULL correlation values. The expected values follow SQL's
/// semantics of a subquery evaluated per outer row: <c>t.k = o.k</c> is never true when either side is NULL, so such an
/// outer row sees an empty subquery (COUNT 0, other aggregates and plain values NULL, EXISTS false, NOT EXISTS true),
/// while a condition that holds for NULLs (<c>IS NOT DISTINCT FROM</c>, <c>OR o.k IS NULL</c>) sees its rows.
/// </summary>
public sealed class NullCorrelationTests
{
    // Outer rows 1 ('a'), 2 (NULL), 3 ('b'); inner rows ('a', 10), (NULL, 5), (NULL, 6).
    private const string Tables = """
        CREATE VIEW o AS SELECT * FROM (VALUES (1, 'a'), (2, CAST(NULL AS STRING)), (3, 'b')) AS t(id, k);
        CREATE VIEW t AS SELECT * FROM (VALUES ('a', 10), (CAST(NULL AS STRING), 5), (CAST(NULL AS STRING), 6)) AS t(k, w);

        """;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Scalar_count_by_equality_is_zero_for_a_null_outer_value(int parallelism)
    {
        var result = await Run("SELECT id, (SELECT COUNT(*) FROM t WHERE t.k = o.k) FROM o;", parallelism);

        Assert.Equal(["[1, 1]", "[2, 0]", "[3, 0]"], result);
    }

    [Fact]
    public async Task Scalar_sum_by_equality_is_null_for_a_null_outer_value()
    {
        var result = await Run("SELECT id, (SELECT SUM(w) FROM t WHERE t.k = o.k) FROM o;");

        Assert.Equal(["[1, 10]", "[2, NULL]", "[3, NULL]"], result);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Scalar_plain_value_ignores_the_inner_rows_with_a_null_key(int parallelism)
    {
        // Two inner rows have a NULL key, but no outer row can see them: no "more than one row" error.
        var result = await Run("SELECT id, (SELECT w FROM t WHERE t.k = o.k) FROM o;", parallelism);

        Assert.Equal(["[1, 10]", "[2, NULL]", "[3, NULL]"], result);
    }

    [Fact]
    public async Task Scalar_in_an_aggregating_query_is_zero_for_a_null_group()
    {
        var result = await Run("SELECT k, COUNT(*), (SELECT COUNT(*) FROM t WHERE t.k = o.k) FROM o GROUP BY k;");

        Assert.Equal(["[NULL, 1, 0]", "[a, 1, 1]", "[b, 1, 0]"], result);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Scalar_correlated_by_is_not_distinct_from_sees_the_null_rows(int parallelism)
    {
        var result = await Run("SELECT id, (SELECT COUNT(*) FROM t WHERE t.k IS NOT DISTINCT FROM o.k) FROM o;", parallelism);

        Assert.Equal(["[1, 1]", "[2, 2]", "[3, 0]"], result);
    }

    [Fact]
    public async Task Scalar_correlated_by_a_condition_true_for_null_sees_its_rows()
    {
        // 'a' sees ('a', 10); NULL sees every row with w > 4; 'b' sees none.
        var result = await Run("SELECT id, (SELECT COUNT(*) FROM t WHERE w > 4 AND (t.k = o.k OR o.k IS NULL)) FROM o;");

        Assert.Equal(["[1, 1]", "[2, 3]", "[3, 0]"], result);
    }

    [Fact]
    public async Task Scalar_max_correlated_by_is_not_distinct_from_with_a_non_null_second_column()
    {
        // Correlated by two columns, one of them NULL for outer row 2: its value is the MAX over the NULL-key rows below 6.
        var result = await Run("""
            SELECT id, (SELECT MAX(w) FROM t WHERE t.k IS NOT DISTINCT FROM o.k AND t.w < o.id * 3) FROM o;
            """);

        // 1: 'a' rows below 3: none. 2: NULL rows below 6: 5. 3: no 'b' rows.
        Assert.Equal(["[1, NULL]", "[2, 5]", "[3, NULL]"], result);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Exists_is_false_for_a_null_outer_value(int parallelism)
    {
        var result = await Run("SELECT id FROM o WHERE EXISTS (SELECT 1 FROM t WHERE t.k = o.k);", parallelism);

        Assert.Equal(["[1]"], result);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Not_exists_is_true_for_a_null_outer_value(int parallelism)
    {
        var result = await Run("SELECT id FROM o WHERE NOT EXISTS (SELECT 1 FROM t WHERE t.k = o.k);", parallelism);

        Assert.Equal(["[2]", "[3]"], result);
    }

    [Fact]
    public async Task Exists_correlated_by_is_not_distinct_from_matches_nulls()
    {
        var result = await Run("SELECT id FROM o WHERE EXISTS (SELECT 1 FROM t WHERE t.k IS NOT DISTINCT FROM o.k);");

        Assert.Equal(["[1]", "[2]"], result);
    }

    [Fact]
    public async Task In_correlated_by_a_condition_true_for_null_sees_its_rows()
    {
        // Row 2 (NULL) sees every w (10, 5, 6) and 2 * 5 = 10 is among them; row 1 sees 10 only, and 5 is not 10.
        var result = await Run("SELECT id FROM o WHERE id * 5 IN (SELECT w FROM t WHERE t.k = o.k OR o.k IS NULL);");

        Assert.Equal(["[2]"], result);
    }

    [Fact]
    public async Task In_correlated_with_null_inner_keys_sees_them_only_where_the_condition_holds()
    {
        var result = await Run("SELECT id FROM o WHERE id + 4 IN (SELECT w FROM t WHERE t.k = o.k OR t.k IS NULL);");

        // Row 1 sees 10, 5, 6 and 1 + 4 = 5; row 2 (NULL) sees the NULL-key rows 5, 6 and 2 + 4 = 6; row 3 sees 5, 6 only.
        Assert.Equal(["[1]", "[2]"], result);
    }

    [Fact]
    public void Decorrelation_over_the_outer_values_reads_the_outer_table_once()
    {
        // The distinct correlation values and the rows they are joined back onto come from one scan of the outer table.
        var vertices = NotInValueEqualityTests.PlanVertices("""
            CREATE TABLE outer_rows (id INT, k STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '5');
            CREATE VIEW t AS SELECT * FROM (VALUES ('a', 10)) AS t(k, w);

            """, "SELECT id, (SELECT COUNT(*) FROM t WHERE t.k IS NOT DISTINCT FROM outer_rows.k) FROM outer_rows;", 2);

        Assert.Single(vertices, v => v.Name == "source:outer_rows");
    }

    private static async Task<List<string>> Run(string query, int parallelism = 1) =>
        (await SqlScriptRunner.RunAsync(Tables + query, parallelism: parallelism)).Final.Order(StringComparer.Ordinal).ToList();
}
