using Sluice.Sql.Catalog;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>Time attributes survive plain references and are materialized by computations, as in Flink.</summary>
public class TimeAttributeTests
{
    [Theory]
    [InlineData("SELECT ts FROM T", TimeAttribute.RowTime)]
    [InlineData("SELECT ts AS eventTime FROM T", TimeAttribute.RowTime)]
    [InlineData("SELECT pt FROM T", TimeAttribute.ProcTime)]
    [InlineData("SELECT ts FROM (SELECT s, ts FROM T WHERE i > 0)", TimeAttribute.RowTime)]
    [InlineData("WITH x AS (SELECT ts FROM T) SELECT ts FROM x", TimeAttribute.RowTime)]
    [InlineData("SELECT ts FROM T UNION ALL SELECT ts FROM T", TimeAttribute.RowTime)]
    [InlineData("SELECT e.occurredAt FROM ShipEvent AS e JOIN ShipRoute AS r ON e.trackingNumber = r.trackingNumber", TimeAttribute.RowTime)]
    [InlineData("SELECT ts FROM T ORDER BY ts", TimeAttribute.RowTime)]
    [InlineData("SELECT ts + INTERVAL '1' SECOND FROM T", TimeAttribute.None)]
    [InlineData("SELECT CAST(ts AS TIMESTAMP(3)) FROM T", TimeAttribute.None)]
    [InlineData("SELECT COALESCE(ts, ts6) FROM T", TimeAttribute.None)]
    [InlineData("SELECT ts FROM T GROUP BY ts", TimeAttribute.None)]
    [InlineData("SELECT MAX(ts) FROM T", TimeAttribute.None)]
    [InlineData("SELECT DISTINCT ts FROM T", TimeAttribute.None)]
    [InlineData("SELECT ts FROM T UNION ALL SELECT ts6 FROM T", TimeAttribute.None)]
    [InlineData("SELECT pt FROM T UNION ALL SELECT CAST(pt AS TIMESTAMP_LTZ(3)) FROM T", TimeAttribute.None)]
    public void TimeAttribute_FollowsFlinkRules(string sql, TimeAttribute expected) => Assert.Equal(expected, Column(sql).TimeAttribute);

    [Fact]
    public void TableScan_MarksWatermarkAndProcTimeColumns()
    {
        var schema = Schema("SELECT * FROM T");
        Assert.Equal("ts: TIMESTAMP(3) *ROWTIME*", schema[schema.IndexOf("ts")].ToString());
        Assert.Equal("pt: TIMESTAMP_LTZ(3) NOT NULL *PROCTIME*", schema[schema.IndexOf("pt")].ToString());
        Assert.Equal(TimeAttribute.None, schema[schema.IndexOf("ts6")].TimeAttribute);
    }

    [Fact]
    public void OverWindow_KeepsInputTimeAttributes()
    {
        var column = Column("SELECT ts, COUNT(*) OVER (ORDER BY ts) FROM T");
        Assert.Equal(TimeAttribute.RowTime, column.TimeAttribute);
    }

    [Fact]
    public void PlanSchema_ToSchema_UsesTheFirstEventTimeColumnAsRowTime()
    {
        var schema = Schema("SELECT s, ts, ts AS ts2 FROM T").ToSchema();
        Assert.Equal(1, schema.RowTimeIndex);
        Assert.Equal("(`s` STRING, `ts` TIMESTAMP(3) *ROWTIME*, `ts2` TIMESTAMP(3))", schema.ToString());
    }

    [Theory]
    [InlineData("SELECT COUNT(*) OVER (ORDER BY ts DESC) FROM T")]
    [InlineData("SELECT COUNT(*) OVER (ORDER BY ts, pt) FROM T")]
    [InlineData("SELECT COUNT(*) OVER (PARTITION BY s) FROM T")]
    public void OverAggregate_NeedsOneAscendingOrderColumn(string sql)
    {
        var error = Assert.Throws<SqlException>(() => Bind(sql));
        Assert.Contains("An OVER window of an aggregate must be ordered by one time attribute (a rowtime or processing-time column) or one other column, in ascending order",
            error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT COUNT(*) OVER (ORDER BY ts6 RANGE BETWEEN INTERVAL '1' SECOND PRECEDING AND CURRENT ROW) FROM T")]
    [InlineData("SELECT SUM(i) OVER (ORDER BY ts + INTERVAL '1' SECOND ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM T")]
    public void OverAggregate_OrderedByANonTimeColumn_NeedsAnUnboundedFrame(string sql)
    {
        var error = Assert.Throws<SqlException>(() => Bind(sql));
        Assert.Contains("supports only ROWS or RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverAggregate_WithFollowingBound_IsNotSupported() =>
        BindFails("SELECT COUNT(*) OVER (ORDER BY ts ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) FROM T",
            "line 1, column 35: OVER windows must end at CURRENT ROW in streaming mode; FOLLOWING bounds are not supported");
}
