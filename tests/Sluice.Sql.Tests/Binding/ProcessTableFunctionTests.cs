using Sluice.Sql.Catalog;
using Sluice.Sql.Planning;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>Flink 2's DEDUPLICATE_KEEP_FIRST and TO_CHANGELOG: their output layout, arguments and errors.</summary>
public class ProcessTableFunctionTests
{
    [Fact]
    public void KeepFirst_PutsThePartitionKeysFirst_AndMaterializesTimeAttributes()
    {
        var schema = Schema("SELECT * FROM DEDUPLICATE_KEEP_FIRST(input => TABLE ShipEvent PARTITION BY city, eventCode)");
        Assert.Equal(11, schema.Count);
        Assert.Equal(["city", "eventCode", "trackingNumber", "occurredAt", "statusCode"], schema.Names.Take(5));
        Assert.Equal(TimeAttribute.None, schema[3].TimeAttribute);
    }

    [Fact]
    public void KeepFirst_WithOnTime_AppendsARowtimeAttribute_AndCarriesItsArguments()
    {
        var plan = Bind("""
            SELECT * FROM DEDUPLICATE_KEEP_FIRST(input => TABLE ShipEvent PARTITION BY trackingNumber, on_time => DESCRIPTOR(occurredAt),
              state_ttl => INTERVAL '1' HOUR, reset_ttl_on_duplicate => FALSE)
            """);
        var keep = Assert.IsType<DeduplicateKeepFirst>(((Project)plan).Input);
        Assert.Equal(12, keep.Schema.Count);
        Assert.Equal("rowtime: TIMESTAMP(3) NOT NULL *ROWTIME*", keep.Schema[11].ToString());
        Assert.Equal(1, keep.OnTime);
        Assert.Equal(TimeSpan.FromHours(1), keep.StateTtl);
        Assert.False(keep.ResetTtlOnDuplicate);
        Assert.Equal([0], keep.PartitionKeys);
    }

    [Fact]
    public void KeepFirst_WithoutPartitionBy_KeepsTheInputOrder_PositionalArgumentsToo()
    {
        var schema = Schema("SELECT * FROM DEDUPLICATE_KEEP_FIRST(TABLE T)");
        Assert.Equal("ti", schema[0].Name);
        var keep = Assert.IsType<DeduplicateKeepFirst>(((Project)Bind("SELECT * FROM DEDUPLICATE_KEEP_FIRST(TABLE T)")).Input);
        Assert.Null(keep.StateTtl);
        Assert.True(keep.ResetTtlOnDuplicate);
        Assert.Equal(-1, keep.OnTime);
    }

    [Fact]
    public void ToChangelog_PutsKeysThenTheOpColumnFirst_WithItsMapping()
    {
        var schema = Schema("SELECT * FROM TO_CHANGELOG(input => TABLE ShipRoute PARTITION BY trackingNumber)");
        Assert.Equal(["trackingNumber", "op", "routeId", "endStopId", "updatedAt"], schema.Names);
        Assert.Equal("op: STRING NOT NULL", schema[1].ToString());

        var plan = Bind("""
            SELECT * FROM TO_CHANGELOG(input => TABLE ShipRoute PARTITION BY trackingNumber, op => DESCRIPTOR(kind),
              op_mapping => MAP['INSERT, UPDATE_AFTER', 'U', 'DELETE', 'D'])
            """);
        var changelog = Assert.IsType<ToChangelog>(((Project)plan).Input);
        Assert.Equal("kind", changelog.Schema[1].Name);
        Assert.Equal(["U", null, "U", "D"], changelog.Codes);
    }

    [Fact]
    public void OverWindow_OrderedByANonTimeColumn_BindsWithAnUnboundedFrame()
    {
        var schema = Schema("SELECT SUM(i) OVER (PARTITION BY s ORDER BY bi ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS total FROM T");
        Assert.Equal("total", schema.Single().Name);
        Assert.Single(Schema("SELECT COUNT(*) OVER (ORDER BY i) FROM T"));
    }

    [Theory]
    [InlineData("SELECT * FROM DEDUPLICATE_KEEP_FIRST(input => TABLE T PARTITION BY s, on_time => DESCRIPTOR(ts6))",
        "line 1, column 82: The on_time column 'ts6' of DEDUPLICATE_KEEP_FIRST must be an event-time attribute (a column with a WATERMARK), but it is a regular TIMESTAMP(6) column")]
    [InlineData("SELECT * FROM DEDUPLICATE_KEEP_FIRST(input => TABLE T, on_time => DESCRIPTOR(pt))",
        "line 1, column 67: The on_time column 'pt' of DEDUPLICATE_KEEP_FIRST must be an event-time attribute (a column with a WATERMARK), but it is a processing-time attribute")]
    [InlineData("SELECT * FROM DEDUPLICATE_KEEP_FIRST(input => TABLE T, on_time => DESCRIPTOR(tss))",
        "line 1, column 78: Column 'tss' not found in table 'T'; did you mean 'ts' or 'ts6'?")]
    [InlineData("SELECT * FROM DEDUPLICATE_KEEP_FIRST(input => T)",
        "line 1, column 47: The input argument of DEDUPLICATE_KEEP_FIRST must be a table: TABLE name [PARTITION BY column, ...]")]
    [InlineData("SELECT * FROM DEDUPLICATE_KEEP_FIRST(input => TABLE T, state_ttl => 5)",
        "line 1, column 69: The state_ttl argument of DEDUPLICATE_KEEP_FIRST must be a non-negative day-time interval literal, such as INTERVAL '1' HOUR")]
    [InlineData("SELECT * FROM DEDUPLICATE_KEEP_FIRST(input => TABLE T, reset_ttl_on_duplicate => 'no')",
        "line 1, column 82: The reset_ttl_on_duplicate argument of DEDUPLICATE_KEEP_FIRST must be TRUE or FALSE")]
    [InlineData("SELECT * FROM DEDUPLICATE_KEEP_FIRST(input => TABLE T, keep => 1)",
        "line 1, column 56: DEDUPLICATE_KEEP_FIRST has no parameter 'keep'; its parameters are INPUT, ON_TIME, STATE_TTL, RESET_TTL_ON_DUPLICATE, UID")]
    [InlineData("SELECT * FROM DEDUPLICATE_KEEP_FIRST(input => TABLE T PARTITION BY nope)",
        "line 1, column 68: Column 'nope' not found in table 'T'")]
    [InlineData("SELECT * FROM DEDUPLICATE_KEEP_FIRST(input => TABLE T PARTITION BY s ORDER BY ts)",
        "line 1, column 79: DEDUPLICATE_KEEP_FIRST takes no ORDER BY on its table argument")]
    [InlineData("SELECT * FROM TO_CHANGELOG(input => TABLE T PARTITION BY s, op_mapping => MAP['UPSERT', 'U'])",
        "line 1, column 79: 'UPSERT' is not a change kind of op_mapping; the kinds are INSERT, UPDATE_BEFORE, UPDATE_AFTER, DELETE")]
    [InlineData("SELECT * FROM TO_CHANGELOG(input => TABLE T PARTITION BY s, op_mapping => MAP['INSERT', s])",
        "line 1, column 75: The op_mapping argument of TO_CHANGELOG must be a MAP of string literals from change kinds to codes, such as MAP['INSERT', 'I', 'DELETE', 'D']")]
    [InlineData("SELECT * FROM TO_CHANGELOG(input => TABLE T PARTITION BY s, op => DESCRIPTOR(i))",
        "line 1, column 67: The op column 'i' of TO_CHANGELOG clashes with an input column; name it with op => DESCRIPTOR(name)")]
    [InlineData("SELECT TO_CHANGELOG(1) FROM T",
        "line 1, column 8: 'TO_CHANGELOG' is a table function: call it in FROM, as TABLE(TO_CHANGELOG(...))")]
    [InlineData("SELECT SUM(i) OVER (ORDER BY bi ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM T",
        "line 1, column 33: An OVER window ordered by a column that is not a time attribute supports only ROWS or RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW")]
    [InlineData("SELECT SUM(i) OVER (ORDER BY bi DESC) FROM T",
        "line 1, column 20: An OVER window of an aggregate must be ordered by one time attribute (a rowtime or processing-time column) or one other column, in ascending order")]
    public void InvalidProcessTableFunctionCall_IsRejected(string sql, string message) => BindFails(sql, message);
}
