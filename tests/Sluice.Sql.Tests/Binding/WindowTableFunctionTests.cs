using Sluice.Sql.Catalog;
using Sluice.Sql.Planning;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>TUMBLE, HOP, CUMULATE and SESSION: the columns they add, their arguments and their errors.</summary>
public class WindowTableFunctionTests
{
    [Theory]
    [InlineData("TUMBLE(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '10' MINUTE)")]
    [InlineData("HOP(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE)")]
    [InlineData("CUMULATE(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '1' HOUR, INTERVAL '1' DAY)")]
    [InlineData("SESSION(TABLE ShipEvent PARTITION BY trackingNumber, DESCRIPTOR(occurredAt), INTERVAL '30' MINUTE)")]
    [InlineData("TUMBLE(DATA => TABLE ShipEvent, TIMECOL => DESCRIPTOR(occurredAt), SIZE => INTERVAL '10' MINUTE)")]
    [InlineData("TUMBLE(SIZE => INTERVAL '10' MINUTE, TIMECOL => DESCRIPTOR(occurredAt), DATA => TABLE ShipEvent)")]
    [InlineData("TUMBLE(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '10' MINUTE, INTERVAL '1' MINUTE)")]
    public void WindowFunction_AppendsWindowColumns(string call)
    {
        var schema = Schema($"SELECT * FROM TABLE({call})");
        Assert.Equal(14, schema.Count);
        Assert.Equal("window_start: TIMESTAMP(3) NOT NULL", schema[11].ToString());
        Assert.Equal("window_end: TIMESTAMP(3) NOT NULL", schema[12].ToString());
        Assert.Equal("window_time: TIMESTAMP(3) NOT NULL *ROWTIME*", schema[13].ToString());
        Assert.Equal(WindowProperty.WindowStart, schema[11].Window);
        Assert.Equal(WindowProperty.WindowEnd, schema[12].Window);
    }

    [Fact]
    public void WindowFunction_MaterializesTheOriginalTimeColumn()
    {
        var column = Column("SELECT occurredAt FROM TABLE(TUMBLE(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '1' MINUTE))");
        Assert.Equal(TimeAttribute.None, column.TimeAttribute);
        Assert.Equal("TIMESTAMP(3)", column.Type.ToString());
    }

    [Fact]
    public void ProcessingTimeWindow_KeepsAProcessingTimeWindowTime()
    {
        var schema = Schema("SELECT window_start, window_time FROM TABLE(TUMBLE(TABLE T, DESCRIPTOR(pt), INTERVAL '5' SECOND))");
        Assert.Equal("window_start: TIMESTAMP(3) NOT NULL", schema[0].ToString());
        Assert.Equal("window_time: TIMESTAMP_LTZ(3) NOT NULL *PROCTIME*", schema[1].ToString());
    }

    [Fact]
    public void WindowNode_CarriesItsParameters()
    {
        var plan = Bind("SELECT * FROM TABLE(HOP(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE, INTERVAL '10' SECOND))");
        var window = Assert.IsType<WindowTableFunction>(((Project)plan).Input);
        Assert.Equal(WindowKind.Hop, window.Kind);
        Assert.Equal(1, window.TimeColumn);
        Assert.Equal(TimeSpan.FromMinutes(5), window.Size);
        Assert.Equal(TimeSpan.FromMinutes(1), window.Step);
        Assert.Equal(TimeSpan.FromSeconds(10), window.Offset);
    }

    [Fact]
    public void WindowAggregate_KeepsWindowTimeAnEventTimeAttribute()
    {
        var schema = Schema("""
            SELECT window_start, window_end, window_time, COUNT(*) AS n
            FROM TABLE(TUMBLE(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '1' MINUTE))
            GROUP BY window_start, window_end, window_time
            """);
        Assert.Equal(TimeAttribute.RowTime, schema[2].TimeAttribute);
        Assert.Equal(WindowProperty.WindowStart, schema[0].Window);
    }

    [Fact]
    public void AggregateWithoutBothWindowBounds_MaterializesWindowTime()
    {
        var column = Column("""
            SELECT window_time FROM TABLE(TUMBLE(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '1' MINUTE))
            GROUP BY window_start, window_time
            """);
        Assert.Equal(TimeAttribute.None, column.TimeAttribute);
    }

    [Theory]
    [InlineData("SELECT * FROM TABLE(TUMBLE(TABLE T, DESCRIPTOR(ts6), INTERVAL '1' MINUTE))",
        "line 1, column 37: The time column 'ts6' of TUMBLE must be a time attribute (a rowtime column with a watermark, or PROCTIME()), but it is a regular TIMESTAMP(6) column")]
    [InlineData("SELECT * FROM TABLE(TUMBLE(TABLE T, DESCRIPTOR(tss), INTERVAL '1' MINUTE))",
        "line 1, column 48: Column 'tss' not found in table 'T'; did you mean 'ts' or 'ts6'?")]
    [InlineData("SELECT * FROM TABLE(TUMBLE(TABLE Nope, DESCRIPTOR(ts), INTERVAL '1' MINUTE))", "line 1, column 34: Table 'Nope' not found")]
    [InlineData("SELECT * FROM TABLE(TUMBLE(T, DESCRIPTOR(ts), INTERVAL '1' MINUTE))",
        "line 1, column 28: The first argument of TUMBLE must be a table: TABLE name")]
    [InlineData("SELECT * FROM TABLE(TUMBLE(TABLE T, ts, INTERVAL '1' MINUTE))",
        "line 1, column 37: The second argument of TUMBLE must name the time column: DESCRIPTOR(column)")]
    [InlineData("SELECT * FROM TABLE(TUMBLE(TABLE T, DESCRIPTOR(ts), 60))",
        "line 1, column 53: The size of TUMBLE must be a day-time interval literal, such as INTERVAL '10' MINUTE")]
    [InlineData("SELECT * FROM TABLE(TUMBLE(TABLE T, DESCRIPTOR(ts), INTERVAL '1' MONTH))",
        "line 1, column 53: The size of TUMBLE must be a day-time interval literal, such as INTERVAL '10' MINUTE")]
    [InlineData("SELECT * FROM TABLE(TUMBLE(TABLE T, DESCRIPTOR(ts), INTERVAL '0' MINUTE))", "line 1, column 53: The size of TUMBLE must be positive")]
    [InlineData("SELECT * FROM TABLE(TUMBLE(TABLE T, DESCRIPTOR(ts)))",
        "line 1, column 21: TUMBLE needs the argument SIZE: TUMBLE(data, timecol, size, [offset])")]
    [InlineData("SELECT * FROM TABLE(TUMBLE(TABLE T PARTITION BY s, DESCRIPTOR(ts), INTERVAL '1' MINUTE))",
        "line 1, column 28: PARTITION BY on the table argument is only allowed for SESSION windows, not TUMBLE")]
    [InlineData("SELECT * FROM TABLE(CUMULATE(TABLE T, DESCRIPTOR(ts), INTERVAL '7' MINUTE, INTERVAL '1' HOUR))",
        "line 1, column 76: The size of a CUMULATE window must be a whole multiple of its step")]
    [InlineData("SELECT * FROM TABLE(TUMBLE(DATA => TABLE T, TABLE T, INTERVAL '1' MINUTE))",
        "line 1, column 21: The arguments of TUMBLE must be all positional or all named")]
    [InlineData("SELECT * FROM TABLE(SESSION(TABLE T PARTITION BY nope, DESCRIPTOR(ts), INTERVAL '1' MINUTE))",
        "line 1, column 50: Column 'nope' not found in table 'T'")]
    public void InvalidWindowCall_IsRejected(string sql, string message) => BindFails(sql, message);
}
