using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>What a grouped query may reference: keys, aggregates and constants.</summary>
public class GroupByValidationTests
{
    [Theory]
    [InlineData("SELECT s, i FROM T GROUP BY s", "line 1, column 11: Expression 'i' is not being grouped")]
    [InlineData("SELECT UPPER(v10) FROM T GROUP BY s", "line 1, column 14: Expression 'v10' is not being grouped")]
    [InlineData("SELECT COUNT(*) FROM T HAVING s = 'x'", "line 1, column 31: Expression 's' is not being grouped")]
    [InlineData("SELECT s FROM T GROUP BY s ORDER BY i", "line 1, column 37: Expression 'i' is not being grouped")]
    [InlineData("SELECT s, COUNT(*) FROM T GROUP BY UPPER(s)", "line 1, column 8: Expression 's' is not being grouped")]
    [InlineData("SELECT *, COUNT(*) FROM T GROUP BY s", "line 1, column 8: Expression 'ti' is not being grouped")]
    [InlineData("SELECT r.a, COUNT(*) FROM T GROUP BY r.b", "line 1, column 8: Expression 'r.a' is not being grouped")]
    [InlineData("SELECT s\nFROM T\nGROUP BY s\nHAVING SUM(i) > 1 AND bi > 0", "line 4, column 23: Expression 'bi' is not being grouped")]
    public void UngroupedColumn_IsRejectedWherePositioned(string sql, string message) => BindFails(sql, message);

    [Theory]
    [InlineData("SELECT UPPER(s) FROM T GROUP BY UPPER(s)")]
    [InlineData("SELECT UPPER(s) || 'x', COUNT(*) FROM T GROUP BY UPPER(s)")]
    [InlineData("SELECT s, 1, 'x', CURRENT_TIMESTAMP FROM T GROUP BY s")]
    [InlineData("SELECT r.a FROM T GROUP BY r.a")]
    [InlineData("SELECT s, COUNT(*) FROM T GROUP BY s HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC")]
    [InlineData("SELECT i + 1 FROM T GROUP BY i")]
    [InlineData("SELECT COUNT(*) FROM T")]
    [InlineData("SELECT COUNT(*) FROM T HAVING COUNT(*) > 2")]
    [InlineData("SELECT s, i FROM T GROUP BY s, i")]
    [InlineData("SELECT s, ROW_NUMBER() OVER (PARTITION BY s ORDER BY i) FROM T GROUP BY s, i")]
    public void GroupedReference_IsAccepted(string sql) => Assert.NotNull(Bind(sql));

    [Theory]
    [InlineData("SELECT s FROM T WHERE COUNT(*) > 1 GROUP BY s", "line 1, column 23: Aggregate functions are not allowed in WHERE")]
    [InlineData("SELECT COUNT(*) FROM T GROUP BY COUNT(*)", "line 1, column 33: Aggregate functions are not allowed in GROUP BY")]
    [InlineData("SELECT 1 FROM T AS a JOIN T AS b ON COUNT(*) > 1", "line 1, column 37: Aggregate functions are not allowed in ON")]
    [InlineData("SELECT SUM(COUNT(*)) FROM T", "line 1, column 12: Aggregate function calls cannot be nested")]
    [InlineData("SELECT s FROM T GROUP BY s HAVING COUNT(*)", "line 1, column 35: The HAVING condition must be a BOOLEAN, not BIGINT NOT NULL")]
    [InlineData("SELECT GROUPING(i) FROM T GROUP BY s", "line 1, column 17: The argument of GROUPING must be a GROUP BY expression, not 'i'")]
    [InlineData("SELECT SUM(s) FROM T", "line 1, column 8: Cannot apply 'SUM' to arguments (STRING); supported: SUM(<NUMERIC>)")]
    [InlineData("SELECT MAX(arr) FROM T", "line 1, column 8: MAX cannot be applied to ARRAY<INT>: its values have no order")]
    [InlineData("SELECT SUM(*) FROM T", "line 1, column 12: '*' is only allowed in COUNT(*), not in SUM(*)")]
    public void MisplacedAggregate_IsRejected(string sql, string message) => BindFails(sql, message);

    [Fact]
    public void DistinctSelect_BecomesAnAggregateWithoutCalls()
    {
        var plan = Plan("SELECT DISTINCT s, i FROM T");
        Assert.StartsWith("Aggregate(group=[s, i])", plan.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void OrderByNotSelected_WithDistinct_IsRejected() =>
        BindFails("SELECT DISTINCT s FROM T ORDER BY i",
            "line 1, column 35: Expression 'i' is not in the SELECT list; with SELECT DISTINCT, ORDER BY can only use selected columns");
}
