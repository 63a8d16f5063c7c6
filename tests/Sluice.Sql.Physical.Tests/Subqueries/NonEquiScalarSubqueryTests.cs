using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Subqueries;

/// <summary>
/// Correlated scalar subqueries beyond equality correlations: correlated by non-equalities (decorrelated over the outer
/// query's distinct correlation values, as Calcite does for Flink), and <c>COUNT</c> inside a larger expression, which
/// is 0 — not NULL — for a key without rows (Calcite's answer to the "COUNT bug").
/// </summary>
public sealed class NonEquiScalarSubqueryTests
{
    private const string Tables = """
        CREATE VIEW a AS SELECT * FROM (VALUES ('x', 1, 'a1'), ('x', 3, 'a2'), ('y', 2, 'a3'), ('z', 5, 'a4'), ('x', 3, 'a5')) AS t(k, t, name);
        CREATE VIEW b AS SELECT * FROM (VALUES ('x', 1, 10), ('x', 2, 30), ('x', 3, 20), ('y', 4, 7)) AS t(k, t, v);

        """;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Max_CorrelatedByAnEqualityAndANonEquality(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT name, (SELECT MAX(v) FROM b WHERE b.k = a.k AND b.t <= a.t) AS mx FROM a;
            """, parallelism: parallelism);

        // a1 (x, 1): {10}; a2 and a5 (x, 3): {10, 30, 20}; a3 (y, 2): (y, 4) is later: none; a4: no rows of z.
        Assert.Equal(["[a1, 10]", "[a2, 30]", "[a3, NULL]", "[a4, NULL]", "[a5, 30]"], result.Final);
    }

    [Fact]
    public async Task Count_CorrelatedByANonEqualityOnly_RunsKeylessAndCountsZero()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT name, (SELECT COUNT(*) FROM b WHERE b.t < a.t) AS n FROM a;
            """, parallelism: 2);

        // b.t values: 1, 2, 3, 4. Strictly below 1: none; below 3: 2; below 2: 1; below 5: 4.
        Assert.Equal(["[a1, 0]", "[a2, 2]", "[a3, 1]", "[a4, 4]", "[a5, 2]"], result.Final);
    }

    [Fact]
    public async Task CountInsideAnExpression_IsZeroForAKeyWithoutRows()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT name, (SELECT COUNT(*) FROM b WHERE b.k = a.k) + 1 AS n1, (SELECT COUNT(v) * 10 FROM b WHERE b.k = a.k) AS n10 FROM a;
            """);

        // x has 3 rows, y 1, z none: COUNT is 0 for z, so 0 + 1 = 1 and 0 * 10 = 0 (not NULL).
        Assert.Equal(["[a1, 4, 30]", "[a2, 4, 30]", "[a3, 2, 10]", "[a4, 1, 0]", "[a5, 4, 30]"], result.Final);
    }

    [Fact]
    public async Task AnExpressionOfAnAggregate_OtherThanCount_IsNullForAKeyWithoutRows()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT name, (SELECT MAX(v) + 1 FROM b WHERE b.k = a.k) AS m FROM a WHERE a.t > 2;
            """);

        Assert.Equal(["[a2, 31]", "[a4, NULL]", "[a5, 31]"], result.Final);
    }

    [Fact]
    public async Task CountInsideAnExpression_InAnAggregatingQuery()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT k, COUNT(*) AS c, (SELECT COUNT(*) FROM b WHERE b.k = a.k) * 100 + 1 AS n FROM a GROUP BY k;
            """);

        Assert.Equal(["[x, 3, 301]", "[y, 1, 101]", "[z, 1, 1]"], result.Final);
    }

    [Fact]
    public async Task NonEquality_InWhere_OverAnUpdatingOuterInput()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT k, latest FROM (SELECT k, MAX(t) AS latest FROM a GROUP BY k) AS m
            WHERE (SELECT COUNT(*) FROM b WHERE b.k = m.k AND b.t < m.latest) >= 1;
            """);

        // Latest per key: x 3 (b rows of x before 3: t 1, 2), y 2 (y's row is at 4), z 5 (no rows of z).
        Assert.Equal(["[x, 3]"], result.Final);
    }

    [Fact]
    public async Task PlainValue_CorrelatedByANonEquality_IsTheOnlyRow()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT name, (SELECT v FROM b WHERE b.k = a.k AND b.t > a.t AND b.t < a.t + 2) AS nxt FROM a;
            """);

        // The row of the same key exactly one step later: a1 (x, 1) → (x, 2) 30; a2/a5 (x, 3) → none; a3 (y, 2) → none.
        Assert.Equal(["[a1, 30]", "[a2, NULL]", "[a3, NULL]", "[a4, NULL]", "[a5, NULL]"], result.Final);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task NonEquality_InAnAggregatingQuery_RunsOverTheGroups(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT k, (SELECT MAX(v) FROM b WHERE b.k > a.k) AS mx FROM a GROUP BY k;
            """, parallelism: parallelism);

        // Joined onto the groups x, y, z (decorrelated over them as a plan): above x only y's 7; nothing above y or z.
        Assert.Equal(["[x, 7]", "[y, NULL]", "[z, NULL]"], result.Final);
    }

    [Fact]
    public async Task OrderByAScalarSubquery_WithLimit_IsAPositionedError()
    {
        var error = await Assert.ThrowsAnyAsync<SqlException>(() => SqlScriptRunner.RunAsync(Tables + """
            SELECT k, COUNT(*) AS c FROM a GROUP BY k ORDER BY (SELECT COUNT(*) FROM b WHERE b.k = a.k) DESC LIMIT 2;
            """));

        Assert.Contains("ORDER BY a scalar subquery", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
        Assert.Equal(52, error.Column);
    }

    [Fact]
    public async Task OrderByAScalarSubquery_WithoutLimit_IsAPositionedError()
    {
        var error = await Assert.ThrowsAnyAsync<SqlException>(() => SqlScriptRunner.RunAsync(Tables + """
            SELECT name FROM a ORDER BY (SELECT MAX(v) FROM b WHERE b.k = a.k);
            """));

        Assert.Contains("updating", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
        Assert.Equal(29, error.Column);
    }
}
