using Sluice.Sql.Planning;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>Subqueries, joins, set operations, CTEs and VALUES: plan shapes and output schemas.</summary>
public class SubqueryAndJoinBindingTests
{
    [Fact]
    public void InSubquery_BecomesASemiJoinKeepingTheLeftSchema()
    {
        var plan = Bind("SELECT s FROM T WHERE i IN (SELECT currentStopId FROM ShipEvent)");
        var join = Assert.IsType<Join>(((Project)plan).Input);
        Assert.Equal(JoinType.Semi, join.JoinType);
        Assert.Equal(join.Left.Schema, join.Schema);
    }

    [Fact]
    public void RowInSubquery_ComparesEachColumn()
    {
        var text = Plan("SELECT s FROM T WHERE (i, s) IN (SELECT currentStopId, city FROM ShipEvent)").Explain();
        Assert.Contains("Join(type=[SEMI], condition=[i = currentStopId AND s = city])", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NotInSubquery_IsANullAwareAntiJoin()
    {
        var text = Plan("SELECT s FROM T WHERE NOT (i IN (SELECT currentStopId FROM ShipEvent))").Explain();
        Assert.Contains("Join(type=[ANTI], condition=[(i = currentStopId) IS NOT FALSE])", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CorrelatedIn_MovesTheCorrelationIntoTheJoin()
    {
        var text = Plan("SELECT a.s FROM T AS a WHERE a.i IN (SELECT b.nn_i FROM T AS b WHERE b.s = a.s AND b.b)").Explain();
        Assert.Contains("Join(type=[SEMI], condition=[i = nn_i AND s0 = s])", text, StringComparison.Ordinal);
        Assert.Contains("Project(exprs=[nn_i, s])", text, StringComparison.Ordinal);
        Assert.Contains("Filter(condition=[b])", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ScalarSubqueryInWhere_IsJoinedAndProjectedAway()
    {
        var plan = Plan("SELECT s FROM T WHERE i > (SELECT AVG(i) FROM T)");
        Assert.Equal(["s"], plan.Schema.Names);
        Assert.Contains("Join(type=[LEFT], condition=[TRUE])", plan.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void ScalarSubqueryOverManyRows_IsCheckedBySingleValue()
    {
        var text = Plan("SELECT s, (SELECT i FROM T AS x WHERE x.s = 'a') AS one FROM T").Explain();
        Assert.Contains("Aggregate(group=[], aggs=[SINGLE_VALUE(i) AS i: INT])", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LeftJoin_MakesTheRightSideNullable()
    {
        var schema = Schema("SELECT a.nn_i, b.nn_i FROM T AS a LEFT JOIN T AS b ON a.i = b.i");
        Assert.Equal("INT NOT NULL", schema[0].Type.ToString());
        Assert.Equal("INT", schema[1].Type.ToString());
        Assert.Equal(["nn_i", "nn_i0"], schema.Names);
    }

    [Fact]
    public void FullJoin_MakesBothSidesNullable()
    {
        var schema = Schema("SELECT a.nn_i, b.nn_i FROM T AS a FULL JOIN T AS b ON a.i = b.i");
        Assert.All(schema, c => Assert.True(c.Type.IsNullable));
    }

    [Fact]
    public void JoinUsing_ExposesTheColumnOnce()
    {
        var schema = Schema("SELECT * FROM ShipEvent JOIN ShipRoute USING (trackingNumber)");
        Assert.Single(schema.Names, n => n.StartsWith("trackingNumber", StringComparison.Ordinal));
        Assert.Equal("BIGINT", Column("SELECT trackingNumber FROM ShipEvent JOIN ShipRoute USING (trackingNumber)").Type.ToString());
    }

    [Fact]
    public void NaturalJoin_JoinsOnCommonColumns()
    {
        var text = Plan("SELECT * FROM ShipEvent NATURAL JOIN ShipRoute").Explain();
        Assert.Contains("condition=[trackingNumber = trackingNumber0]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CommonTableExpression_ShadowsCatalogTablesAndRenamesColumns()
    {
        var schema = Schema("WITH T (x, y) AS (SELECT 1, 'a') SELECT * FROM T");
        Assert.Equal("[x: INT NOT NULL, y: CHAR(1) NOT NULL]", schema.ToString());
    }

    [Fact]
    public void SetOperations_AlignTypesAndNullability()
    {
        Assert.Equal("[i: BIGINT]", Schema("SELECT i FROM T UNION ALL SELECT nn_bi FROM T").ToString());
        Assert.Equal("[nn_i: INT NOT NULL]", Schema("SELECT nn_i FROM T EXCEPT SELECT i FROM T").ToString());
        Assert.Equal("[nn_i: INT]", Schema("SELECT nn_i FROM T UNION SELECT i FROM T").ToString());
        Assert.Equal("[i: INT NOT NULL]", Schema("SELECT i FROM T INTERSECT SELECT nn_i FROM T").ToString());
        Assert.Equal("[i: INT]", Schema("SELECT i FROM T INTERSECT SELECT i FROM T").ToString());
    }

    [Fact]
    public void SelectWithoutFrom_ReadsOneEmptyRow()
    {
        var plan = Bind("SELECT 1 AS one, 'x' AS x");
        var values = Assert.IsType<Values>(((Project)plan).Input);
        Assert.Single(values.Rows);
        Assert.Empty(values.Schema);
    }

    [Fact]
    public void DuplicateOutputNames_AreMadeUnique()
    {
        Assert.Equal(["s", "s0", "EXPR$2"], Schema("SELECT s, s, UPPER(s) FROM T").Names);
    }

    [Fact]
    public void LateralTable_LeftJoinOnTrue_IsALeftCorrelation()
    {
        var plan = Bind("SELECT s, w FROM T LEFT JOIN LATERAL TABLE(SPLIT_WORDS(s)) AS x (w) ON TRUE");
        var correlate = Assert.IsType<Correlate>(((Project)plan).Input);
        Assert.Equal(JoinType.Left, correlate.JoinType);
        Assert.Equal("STRING", plan.Schema[1].Type.ToString());
    }

    [Fact]
    public void LateralSubquery_CorrelatedByEqualities_IsAJoinOnTheCorrelation()
    {
        var text = Plan("SELECT a.s, x.i FROM T AS a, LATERAL (SELECT b.i FROM T AS b WHERE b.s = a.s AND b.b) AS x").Explain();
        Assert.Contains("Join(type=[INNER], condition=[s0 = s])", text, StringComparison.Ordinal);
        Assert.Contains("Filter(condition=[b])", text, StringComparison.Ordinal);
        Assert.DoesNotContain("$cor", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LateralSubquery_Uncorrelated_IsAPlainJoin()
    {
        var plan = Bind("SELECT * FROM T, LATERAL (SELECT 1 AS one) AS x");
        Assert.Contains("one", plan.Schema.Names);
        Assert.Contains("Join(type=[INNER], condition=[TRUE])", plan.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void LateralSubquery_LeftJoin_PadsColumnsComputedFromTheOuterRow()
    {
        var text = Bind("SELECT * FROM T AS a LEFT JOIN LATERAL (SELECT b.i, a.s AS outer_s FROM T AS b WHERE b.s = a.s) AS x ON TRUE").Explain();
        Assert.Contains("type=[LEFT]", text, StringComparison.Ordinal);
        Assert.Contains("$matched", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LateralSubquery_AggregateWithoutGroupBy_IsLeftJoinedWithCountsOfNoRowsZero()
    {
        var plan = Plan("SELECT a.s, x.n FROM T AS a, LATERAL (SELECT COUNT(*) AS n FROM T AS b WHERE b.s = a.s) AS x");
        var text = plan.Explain();
        Assert.Contains("type=[LEFT]", text, StringComparison.Ordinal);
        Assert.Contains("COALESCE(n, 0)", text, StringComparison.Ordinal);
        Assert.False(plan.Schema[1].Type.IsNullable);
    }

    [Fact]
    public void LateralSubquery_CorrelatedByANonEquality_GroupsByTheDistinctOuterValues()
    {
        var text = Plan("SELECT a.s, x.n FROM T AS a, LATERAL (SELECT COUNT(*) AS n FROM T AS b WHERE b.s < a.s) AS x").Explain();
        Assert.Contains("Aggregate(group=[$cor0])", text, StringComparison.Ordinal);
        Assert.Contains("IS NULL", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LateralSubquery_OrderByLimit_IsATopNPerCorrelationKey()
    {
        var text = Plan("SELECT a.s, x.i FROM T AS a, LATERAL (SELECT b.i FROM T AS b WHERE b.s = a.s ORDER BY b.i DESC LIMIT 2) AS x").Explain();
        Assert.Contains("Rank(", text, StringComparison.Ordinal);
        Assert.Contains("partition=[$key0]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedExists_ReferencingTwoLevelsOut_CarriesTheOuterColumnsThroughTheMiddleQuery()
    {
        var text = Plan("SELECT a.s FROM T AS a WHERE EXISTS (SELECT 1 FROM T AS mid WHERE mid.s = a.s AND EXISTS (SELECT 1 FROM T AS c WHERE c.i = a.i AND c.bi = mid.bi))").Explain();
        // The middle query carries the distinct values of a.i (a value generator), which the innermost subquery joins on;
        // the middle query's correlation (b.s = a.s and its carried a.i IS NOT DISTINCT FROM a.i) becomes the outer semi join's condition.
        Assert.Contains("Aggregate(group=[$cor0])", text, StringComparison.Ordinal);
        Assert.Contains("type=[SEMI]", text, StringComparison.Ordinal);
        Assert.Contains("IS NULL", text, StringComparison.Ordinal);
        Assert.DoesNotContain("$outer", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedScalarSubquery_ReferencingTwoLevelsOut_IsDecorrelated()
    {
        var plan = Plan("SELECT a.s, (SELECT (SELECT MAX(c.i) FROM T AS c WHERE c.s = a.s) FROM T AS b WHERE b.s = a.s) AS m FROM T AS a");
        Assert.Equal(["s", "m"], plan.Schema.Names);
        Assert.Equal("INT", plan.Schema[1].Type.ToString());
        Assert.DoesNotContain("$outer", plan.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void NestedExistsInLateral_ReferencingTheLeftSide_IsDecorrelated()
    {
        var text = Plan("SELECT * FROM T AS a, LATERAL (SELECT b.i FROM T AS b WHERE b.s = a.s AND EXISTS (SELECT 1 FROM T AS c WHERE c.i = a.i)) AS x").Explain();
        Assert.Contains("Aggregate(group=[$cor0])", text, StringComparison.Ordinal);
        Assert.DoesNotContain("$outer", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CorrelatedInOverAGroupedSubquery_GroupsByTheCorrelationToo()
    {
        var text = Plan("SELECT * FROM T AS a WHERE a.i IN (SELECT COUNT(*) FROM T AS b WHERE b.s = a.s GROUP BY b.s)").Explain();
        Assert.Contains("type=[SEMI]", text, StringComparison.Ordinal);
        Assert.Contains("Aggregate(group=[s, $key0], aggs=[COUNT()", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CorrelatedScalarSubquery_HavingWithoutGroupBy_IsNullWhenTheConditionFails()
    {
        var plan = Plan("SELECT a.s, (SELECT COUNT(*) FROM T AS b WHERE b.s = a.s HAVING COUNT(*) < 2) AS few FROM T AS a");
        Assert.Contains("CASE WHEN", plan.Explain(), StringComparison.Ordinal);
        Assert.Equal("BIGINT", plan.Schema[1].Type.ToString());
    }

    [Fact]
    public void CountSubqueryOverValues_InAnAggregatingQuery_IsNotNull()
    {
        // Correlated by a non-equality: decorrelated over the distinct outer values and COALESCE(count, 0) after the join.
        var schema = Schema("SELECT s, COUNT(*) AS n, (SELECT COUNT(*) FROM T AS b WHERE b.s < a.s) AS c, (SELECT COUNT(*) FROM T AS b WHERE b.s < a.s) + 1 AS c1, "
            + "(SELECT MAX(b.i) FROM T AS b WHERE b.s < a.s) AS m FROM T AS a GROUP BY s");
        Assert.Equal("BIGINT NOT NULL", schema[2].Type.ToString());
        Assert.Equal("BIGINT NOT NULL", schema[3].Type.ToString());
        Assert.Equal("INT", schema[4].Type.ToString());
    }

    [Theory]
    [InlineData("SELECT a.s FROM T AS a WHERE (a.i IN (SELECT b.i FROM T AS b WHERE b.s = a.s)) IS TRUE", "type=[SEMI]")]
    [InlineData("SELECT a.s FROM T AS a WHERE (EXISTS (SELECT 1 FROM T AS b WHERE b.s = a.s)) = TRUE", "type=[SEMI]")]
    [InlineData("SELECT a.s FROM T AS a WHERE NOT (a.b OR a.i IN (SELECT b.i FROM T AS b))", "type=[ANTI]")]
    [InlineData("SELECT a.s FROM T AS a WHERE NOT (NOT (NOT EXISTS (SELECT 1 FROM T AS b WHERE b.s = a.s)))", "type=[ANTI]")]
    [InlineData("SELECT a.s FROM T AS a WHERE EXISTS (SELECT 1 FROM (SELECT b.i FROM T AS b WHERE b.s = a.s) AS x)", "type=[SEMI]")]
    [InlineData("SELECT a.s FROM T AS a WHERE EXISTS (SELECT 1 FROM T AS b JOIN (SELECT c.i FROM T AS c WHERE c.s = a.s) AS x ON b.i = x.i)", "type=[SEMI]")]
    [InlineData("SELECT s, COUNT(*) AS n FROM T AS a GROUP BY s HAVING s IN (SELECT b.s FROM T AS b WHERE b.b)", "type=[SEMI]")]
    [InlineData("SELECT s, COUNT(*) AS n FROM T AS a GROUP BY s HAVING NOT EXISTS (SELECT 1 FROM T AS b WHERE b.s = a.s AND b.b)", "type=[ANTI]")]
    public void SubqueryConditionShapesFlinkPlansAsJoins_AreSemiOrAntiJoins(string sql, string expected) =>
        Assert.Contains(expected, Plan(sql).Explain(), StringComparison.Ordinal);

    [Fact]
    public void ColumnThreeLevelsOut_IsCarriedByEachQueryInBetween()
    {
        var text = Plan("SELECT a.s FROM T AS a WHERE EXISTS (SELECT 1 FROM T AS mid WHERE mid.s = a.s AND EXISTS (SELECT 1 FROM T AS c WHERE c.s = mid.s "
            + "AND EXISTS (SELECT 1 FROM T AS d WHERE d.i = a.i)))").Explain();
        Assert.Contains("type=[SEMI]", text, StringComparison.Ordinal);
        Assert.Contains("Aggregate(group=[$cor0])", text, StringComparison.Ordinal);
        Assert.DoesNotContain("$outer", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistsInsideOr_IsACountLeftJoinedOntoTheRow()
    {
        var text = Plan("SELECT a.s FROM T AS a WHERE a.b OR EXISTS (SELECT 1 FROM T AS b WHERE b.s = a.s)").Explain();
        Assert.Contains("Join(type=[LEFT]", text, StringComparison.Ordinal);
        Assert.Contains("COUNT()", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SEMI", text, StringComparison.Ordinal);
    }

    [Fact]
    public void InInTheSelectList_IsThreeValued()
    {
        var plan = Plan("SELECT a.s, a.i IN (SELECT b.i FROM T AS b WHERE b.s = a.s) AS found FROM T AS a");
        Assert.Equal("BOOLEAN", plan.Schema[1].Type.ToString());
        Assert.Contains("CASE WHEN", plan.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void ExistsOverAnAggregationWithoutGroupBy_IsAlwaysTrue()
    {
        var text = Plan("SELECT a.s FROM T AS a WHERE EXISTS (SELECT COUNT(*) FROM T AS b WHERE b.s = a.s)").Explain();
        Assert.DoesNotContain("Join", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistsOverAnAggregationWithoutGroupByWithHaving_FiltersByTheHavingOverTheJoinedCount()
    {
        var text = Plan("SELECT a.s FROM T AS a WHERE EXISTS (SELECT 1 FROM T AS b WHERE b.s = a.s HAVING COUNT(*) > 1)").Explain();
        Assert.Contains("Join(type=[LEFT]", text, StringComparison.Ordinal);
        Assert.Contains("IS TRUE", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM T JOIN LATERAL TABLE(SPLIT_WORDS(s)) AS x ON s = 'a'",
        "line 1, column 60: a join with LATERAL TABLE or UNNEST must be a comma, CROSS JOIN, or [LEFT] JOIN ... ON TRUE")]
    [InlineData("SELECT * FROM T, UNNEST(i)", "line 1, column 25: UNNEST needs an ARRAY, MULTISET or MAP, not INT")]
    [InlineData("SELECT * FROM T, LATERAL TABLE(UPPER(s))",
        "line 1, column 32: 'UPPER' is not a table function; TABLE(...) in FROM needs a table function")]
    [InlineData("SELECT * FROM T AS a RIGHT JOIN LATERAL (SELECT b.i FROM T AS b WHERE b.s = a.s) AS x ON TRUE",
        "line 1, column 15: A LATERAL subquery can be joined with a comma, CROSS JOIN, [INNER] JOIN or LEFT JOIN, not a RIGHT JOIN: its rows depend on the row of the left side")]
    [InlineData("SELECT * FROM T AS a, LATERAL (SELECT b.i FROM T AS b WHERE b.s = a.s UNION ALL SELECT 1) AS x",
        "line 1, column 23: a correlated LATERAL subquery must be SELECT ... FROM ... [WHERE ...] [GROUP BY ...] [HAVING ...], correlated in its WHERE clause (the Union here reads the left side)")]
    [InlineData("SELECT * FROM T AS a LEFT JOIN LATERAL (SELECT COUNT(*) AS n FROM T AS b WHERE b.s = a.s) AS x ON x.n > 1",
        "line 1, column 99: LEFT JOIN LATERAL with an aggregating subquery (one row for every left row) accepts only ON TRUE; write the condition in the subquery's HAVING or in WHERE")]
    [InlineData("SELECT * FROM T AS a, LATERAL (SELECT b.i FROM T AS b WHERE b.s < a.s ORDER BY b.i LIMIT 1) AS x",
        "line 1, column 23: a LATERAL subquery with ORDER BY ... LIMIT must be correlated by equalities only (such as WHERE t.k = outer.k), without aggregating all rows")]
    [InlineData("SELECT * FROM T AS a, LATERAL (SELECT b.i FROM T AS b WHERE b.s = a.s ORDER BY b.i OFFSET 1) AS x",
        "line 1, column 23: OFFSET without LIMIT in a correlated LATERAL subquery is not supported: as in Flink (whose CorrelateSortToRankRule needs a fetch), only ORDER BY ... LIMIT n [OFFSET m] becomes a Top-N per correlation key")]
    [InlineData("SELECT * FROM T AS a, LATERAL TABLE(Rates(a.ts)) AS r",
        "line 1, column 37: Function 'Rates' not found. A temporal table function is created only through Flink's Table API (createTemporalTableFunction), which Sluice does not have; join the versioned table with FOR SYSTEM_TIME AS OF instead (JOIN v FOR SYSTEM_TIME AS OF o.rowtime ON o.k = v.k)")]
    [InlineData("SELECT (SELECT MAX(x.n) FROM (SELECT COUNT(*) AS n FROM T AS b WHERE b.s = a.s) AS x) FROM T AS a",
        "line 1, column 8: an aggregation over a correlated aggregation in a scalar subquery is not supported")]
    [InlineData("SELECT * FROM ShipRoute FOR SYSTEM_TIME AS OF TIMESTAMP '2024-01-01 00:00:00'",
        "line 1, column 47: getTable(ObjectPath, long) is not implemented for class org.apache.flink.table.catalog.GenericInMemoryCatalog.")]
    [InlineData("SELECT * FROM ShipEvent AS e JOIN ShipRoute FOR SYSTEM_TIME AS OF TIMESTAMP '2024-01-01 00:00:00' AS r ON e.trackingNumber = r.trackingNumber",
        "line 1, column 67: getTable(ObjectPath, long) is not implemented for class org.apache.flink.table.catalog.GenericInMemoryCatalog.")]
    [InlineData("SELECT * FROM ShipRoute FOR SYSTEM_TIME AS OF routeId",
        "line 1, column 47: FOR SYSTEM_TIME AS OF is only allowed on the right side of a JOIN")]
    [InlineData("SELECT * FROM ShipEvent JOIN ShipRoute USING (nope)", "line 1, column 47: Column 'nope' of USING not found on the left side of the join")]
    [InlineData("SELECT * FROM ShipEvent FULL JOIN ShipRoute USING (trackingNumber)",
        "line 1, column 15: FULL JOIN with USING or NATURAL is not supported yet; write the condition with ON")]
    [InlineData("SELECT a.s, (SELECT MAX(b.i) + (SELECT COUNT(*) FROM T AS c WHERE c.i = a.i) FROM T AS b WHERE b.s = a.s) FROM T AS a",
        "line 1, column 32: a scalar subquery in the SELECT, HAVING or ORDER BY of an aggregating query cannot refer to a query two levels out; refer only to the query that directly encloses it here")]
    [InlineData("SELECT a.s FROM T AS a GROUP BY a.s HAVING SUM(a.i) > (SELECT COUNT(*) FROM T AS b WHERE b.i = MAX(a.i))",
        "line 1, column 96: MAX here reads only columns of an enclosing query, so it would be an aggregate of that query; an enclosing query's aggregate inside a subquery is not supported: compute it in that query (in its SELECT list, or a derived table) and compare with the result")]
    [InlineData("SELECT a.s FROM T AS a WHERE a.i IN (SELECT b.i FROM T AS b WHERE b.s = a.s UNION SELECT c.i FROM T AS c)",
        "line 1, column 30: a correlated IN subquery must be SELECT ... FROM ... [WHERE ...] [GROUP BY ...] [HAVING ...], correlated in its WHERE clause (the Union here reads the outer query)")]
    [InlineData("SELECT a.s FROM T AS a WHERE EXISTS (SELECT 1 FROM T AS b FULL JOIN (SELECT c.i FROM T AS c WHERE c.s = a.s) AS x ON b.i = x.i)",
        "line 1, column 30: a correlated EXISTS subquery can only be correlated in its WHERE clause and in the sides of its joins that the join keeps (the FULL join here reads the outer query in its condition or in a side it pads or only tests)")]
    [InlineData("SELECT a.s FROM T AS a WHERE EXISTS (SELECT 1 FROM T AS b LEFT JOIN T AS c ON b.i = c.i AND c.s = a.s)",
        "line 1, column 30: a correlated EXISTS subquery can only be correlated in its WHERE clause and in the sides of its joins that the join keeps (the LEFT join here reads the outer query in its condition or in a side it pads or only tests)")]
    [InlineData("SELECT s, EXISTS (SELECT 1 FROM T AS b WHERE b.s = a.s) FROM T AS a GROUP BY s",
        "line 1, column 11: EXISTS and IN (subquery) are not supported in SELECT of an aggregating query, only as conditions of HAVING (alone or joined by AND)")]
    public void InvalidJoin_IsRejected(string sql, string message) => BindFails(sql, message);
}
