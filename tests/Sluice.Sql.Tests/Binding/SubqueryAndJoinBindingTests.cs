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

    [Theory]
    [InlineData("SELECT * FROM T JOIN LATERAL TABLE(SPLIT_WORDS(s)) AS x ON s = 'a'",
        "line 1, column 60: a join with LATERAL TABLE or UNNEST must be a comma, CROSS JOIN, or [LEFT] JOIN ... ON TRUE")]
    [InlineData("SELECT * FROM T, UNNEST(i)", "line 1, column 25: UNNEST needs an ARRAY, MULTISET or MAP, not INT")]
    [InlineData("SELECT * FROM T, LATERAL TABLE(UPPER(s))",
        "line 1, column 32: 'UPPER' is not a table function; TABLE(...) in FROM needs a table function")]
    [InlineData("SELECT * FROM T, LATERAL (SELECT 1)",
        "line 1, column 18: LATERAL subqueries are not supported yet; use LATERAL TABLE(function(...)) or UNNEST")]
    [InlineData("SELECT * FROM ShipRoute FOR SYSTEM_TIME AS OF TIMESTAMP '2024-01-01 00:00:00'",
        "line 1, column 47: FOR SYSTEM_TIME AS OF is only allowed on the right side of a JOIN")]
    [InlineData("SELECT * FROM ShipEvent JOIN ShipRoute USING (nope)", "line 1, column 47: Column 'nope' of USING not found on the left side of the join")]
    [InlineData("SELECT * FROM ShipEvent FULL JOIN ShipRoute USING (trackingNumber)",
        "line 1, column 15: FULL JOIN with USING or NATURAL is not supported yet; write the condition with ON")]
    public void InvalidJoin_IsRejected(string sql, string message) => BindFails(sql, message);
}
