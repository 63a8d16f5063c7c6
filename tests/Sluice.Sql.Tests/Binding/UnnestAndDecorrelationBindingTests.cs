using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>
/// UNNEST of several collections (zipped, so their columns are nullable), LEFT JOIN UNNEST with a condition other than
/// TRUE (Flink's positioned error), and the NULL handling of decorrelated scalar subqueries.
/// </summary>
public class UnnestAndDecorrelationBindingTests
{
    [Fact]
    public void Unnest_OfOneCollection_KeepsTheElementType_OfSeveral_MakesEveryColumnNullable()
    {
        Assert.Equal("INT NOT NULL", Column("SELECT y FROM T CROSS JOIN UNNEST(ARRAY[T.nn_i]) AS u(y)").Type.ToString());

        var zipped = Schema("SELECT x, y, k, v FROM T CROSS JOIN UNNEST(T.arr, ARRAY[T.nn_i], T.m) AS u(x, y, k, v)");
        Assert.Equal(["INT", "INT", "STRING", "BIGINT"], zipped.Select(c => c.Type.ToString()));
    }

    [Fact]
    public void LeftJoinUnnest_WithAConditionOtherThanTrue_IsFlinksError()
    {
        BindFails("SELECT i, x FROM T LEFT JOIN UNNEST(T.arr) AS u(x) ON x > 1",
            "line 1, column 55: Left outer joins with a table function do not accept a predicate such as x > 1. Only literal TRUE is accepted");
    }

    [Fact]
    public void LeftJoinLateralTable_WithAConditionOtherThanTrue_IsFlinksError()
    {
        var error = Assert.Throws<SqlException>(() => Bind("SELECT s, w FROM T LEFT JOIN LATERAL TABLE(SPLIT_WORDS(s)) AS x (w) ON w = 'a'"));
        Assert.Contains("Left outer joins with a table function do not accept a predicate such as w = 'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorrelatedByEquality_DropsTheSubqueryRowsWithANullKey()
    {
        var text = Plan("SELECT i, (SELECT MAX(nn_i) FROM T AS t2 WHERE t2.s = T.s) FROM T").Explain();

        Assert.Contains("IS NOT NULL", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CorrelatedByEquality_OnANotNullKey_AddsNoFilter()
    {
        var text = Plan("SELECT i, (SELECT MAX(i) FROM T AS t2 WHERE t2.nn_s = T.s) FROM T").Explain();

        Assert.DoesNotContain("IS NOT NULL", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CorrelatedByMoreThanEqualities_JoinsBackNullSafelyOnKeys()
    {
        var text = Plan("SELECT i, (SELECT COUNT(*) FROM T AS t2 WHERE t2.s IS NOT DISTINCT FROM T.s) FROM T").Explain();

        // outer.s IS NOT DISTINCT FROM domain.s, as keys: COALESCE(s, '') on both sides and s IS NULL on both sides.
        Assert.Contains("COALESCE(", text, StringComparison.Ordinal);
        Assert.Contains("IS NULL", text, StringComparison.Ordinal);
    }
}
