using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>Aggregate result types as in Flink: grouped, global (may see no rows), filtered and windowed.</summary>
public class AggregateTypeTests
{
    [Theory]
    [InlineData("COUNT(*)", "BIGINT NOT NULL")]
    [InlineData("COUNT(i)", "BIGINT NOT NULL")]
    [InlineData("COUNT(DISTINCT s)", "BIGINT NOT NULL")]
    [InlineData("SUM(ti)", "TINYINT")]
    [InlineData("SUM(i)", "INT")]
    [InlineData("SUM(nn_i)", "INT NOT NULL")]
    [InlineData("SUM(bi)", "BIGINT")]
    [InlineData("SUM(d52)", "DECIMAL(38, 2)")]
    [InlineData("SUM(nn_d)", "DECIMAL(38, 2) NOT NULL")]
    [InlineData("SUM(db)", "DOUBLE")]
    [InlineData("AVG(i)", "INT")]
    [InlineData("AVG(bi)", "BIGINT")]
    [InlineData("AVG(d52)", "DECIMAL(38, 6)")]
    [InlineData("AVG(d3818)", "DECIMAL(38, 18)")]
    [InlineData("AVG(nn_d)", "DECIMAL(38, 6) NOT NULL")]
    [InlineData("AVG(db)", "DOUBLE")]
    [InlineData("MIN(s)", "STRING")]
    [InlineData("MAX(nn_i)", "INT NOT NULL")]
    [InlineData("MAX(ts)", "TIMESTAMP(3)")]
    [InlineData("STDDEV_POP(i)", "DOUBLE")]
    [InlineData("STDDEV_SAMP(db)", "DOUBLE")]
    [InlineData("VAR_POP(d52)", "DOUBLE")]
    [InlineData("VAR_SAMP(nn_i)", "DOUBLE")]
    [InlineData("LISTAGG(s)", "STRING")]
    [InlineData("LISTAGG(nn_s, ',')", "STRING")]
    [InlineData("FIRST_VALUE(i)", "INT")]
    [InlineData("LAST_VALUE(nn_s)", "STRING NOT NULL")]
    [InlineData("SUM(nn_i) FILTER (WHERE b)", "INT")]
    [InlineData("COUNT(*) FILTER (WHERE b)", "BIGINT NOT NULL")]
    public void GroupedAggregate_HasFlinkType(string call, string expected) =>
        Assert.Equal(expected, Schema($"SELECT {call} FROM T GROUP BY s")[0].Type.ToString());

    [Theory]
    [InlineData("COUNT(*)", "BIGINT NOT NULL")]
    [InlineData("SUM(nn_i)", "INT")]
    [InlineData("AVG(nn_d)", "DECIMAL(38, 6)")]
    [InlineData("MAX(nn_i)", "INT")]
    [InlineData("FIRST_VALUE(nn_s)", "STRING")]
    public void GlobalAggregate_IsNullableWhenItMaySeeNoRows(string call, string expected) =>
        Assert.Equal(expected, Schema($"SELECT {call} FROM T")[0].Type.ToString());

    [Theory]
    [InlineData("ROW_NUMBER() OVER (PARTITION BY s ORDER BY ts)", "BIGINT NOT NULL")]
    [InlineData("RANK() OVER (ORDER BY i)", "BIGINT NOT NULL")]
    [InlineData("DENSE_RANK() OVER (ORDER BY i DESC)", "BIGINT NOT NULL")]
    [InlineData("SUM(nn_i) OVER (ORDER BY ts)", "INT NOT NULL")]
    [InlineData("COUNT(*) OVER (PARTITION BY s ORDER BY pt)", "BIGINT NOT NULL")]
    [InlineData("AVG(d52) OVER (ORDER BY ts ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)", "DECIMAL(38, 6)")]
    public void OverAggregate_HasFlinkType(string call, string expected) =>
        Assert.Equal(expected, Schema($"SELECT {call} FROM T")[0].Type.ToString());

    [Fact]
    public void GroupingSetKeys_AreNullableWhenAbsentFromASet()
    {
        var schema = Schema("SELECT nn_s, nn_i, COUNT(*) FROM T GROUP BY GROUPING SETS ((nn_s, nn_i), (nn_s))");
        Assert.Equal("STRING NOT NULL", schema[0].Type.ToString());
        Assert.Equal("INT", schema[1].Type.ToString());
    }

    [Fact]
    public void Grouping_IsBigIntNotNull()
    {
        Assert.Equal("BIGINT NOT NULL", Schema("SELECT GROUPING(s) FROM T GROUP BY ROLLUP(s, i)")[0].Type.ToString());
    }

    [Fact]
    public void AggregateNames_ComeFromSelectAliases()
    {
        var plan = Plan("SELECT s AS city, COUNT(*) AS events, SUM(i) FROM T GROUP BY s");
        Assert.Contains("aggs=[COUNT() AS events: BIGINT NOT NULL, SUM(i) AS EXPR$2: INT]", plan.Explain(), StringComparison.Ordinal);
        Assert.Equal(["city", "events", "EXPR$2"], plan.Schema.Names);
    }

    [Fact]
    public void EqualAggregateCalls_AreComputedOnce()
    {
        var plan = Plan("SELECT COUNT(*) AS n, COUNT(*) + 1 AS m FROM T GROUP BY s HAVING COUNT(*) > 1");
        Assert.Single(((Sluice.Sql.Planning.Aggregate)plan.Inputs[0].Inputs[0]).Calls);
    }
}
