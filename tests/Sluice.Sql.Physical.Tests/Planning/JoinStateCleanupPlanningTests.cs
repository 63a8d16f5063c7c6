using Sluice.Sql.Physical.Planning;
using Sluice.Sql.Physical.Session;
using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Planning;

/// <summary>
/// The planner cleans a regular inner join's rows by the watermark only where that is exact: the other side's bounding
/// column is a window aggregation's <c>window_end</c> or <c>window_start</c> (never late), both sides are insert-only, and
/// the condition bounds the cleaned side's time by it; EXPLAIN shows the cleanup.
/// </summary>
public sealed class JoinStateCleanupPlanningTests
{
    private const string Ddl = """
        CREATE TABLE bids (
            id BIGINT,
            price AS CAST(id % 7 AS BIGINT),
            ts AS CAST(TO_TIMESTAMP_LTZ(id * 700, 3) AS TIMESTAMP(3)),
            WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
        ) WITH (
            'connector' = 'datagen', 'number-of-rows' = '300',
            'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '300'
        );
        CREATE VIEW maxima AS
            SELECT MAX(price) AS maxprice, window_start, window_end
            FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND))
            GROUP BY window_start, window_end;

        """;

    [Fact]
    public void Q7sShape_CleansTheLeftRows_TenSecondsAfterTheirTime()
    {
        var explain = Explain("""
            SELECT b.id, b.price FROM bids AS b JOIN maxima AS m ON b.price = m.maxprice
            WHERE b.ts BETWEEN m.window_end - INTERVAL '10' SECOND AND m.window_end;
            """);

        Assert.Contains("stateCleanup=[left rows at watermark >= ts + 10000 ms]", explain, StringComparison.Ordinal);
    }

    [Fact]
    public void ABoundByWindowStart_AddsTheWindowSize()
    {
        // ts >= window_start: window_start > watermark - 10 s for every window still to come.
        var explain = Explain("""
            SELECT b.id FROM bids AS b JOIN maxima AS m ON b.price = m.maxprice WHERE b.ts >= m.window_start + INTERVAL '1' SECOND;
            """);

        Assert.Contains("stateCleanup=[left rows at watermark >= ts + 9000 ms]", explain, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRightSide_IsCleanedWhenItHoldsTheBoundedTime()
    {
        var explain = Explain("""
            SELECT b.id FROM maxima AS m JOIN bids AS b ON b.price = m.maxprice AND m.window_end <= b.ts + INTERVAL '2' SECOND;
            """);

        Assert.Contains("stateCleanup=[right rows at watermark >= ts + 2000 ms]", explain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the rows of a window table function are not bounded (late rows pass it)",
        "SELECT b.id FROM bids AS b JOIN TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND)) AS w ON b.price = w.price "
        + "WHERE b.ts BETWEEN w.window_end - INTERVAL '10' SECOND AND w.window_end;")]
    [InlineData("an outer join pads rows",
        "SELECT b.id FROM bids AS b LEFT JOIN maxima AS m ON b.price = m.maxprice AND b.ts >= m.window_end - INTERVAL '10' SECOND;")]
    [InlineData("only an upper bound of the window end bounds the stored rows",
        "SELECT b.id FROM bids AS b JOIN maxima AS m ON b.price = m.maxprice WHERE b.ts <= m.window_end;")]
    [InlineData("a bound between two columns of one side bounds nothing",
        "SELECT b.id FROM bids AS b JOIN maxima AS m ON b.price = m.maxprice WHERE m.window_start <= m.window_end;")]
    public void NoCleanup_WhereItWouldNotBeExact(string reason, string query)
    {
        Assert.False(Explain(query).Contains("stateCleanup", StringComparison.Ordinal), reason);
    }

    private static string Explain(string query)
    {
        var registry = SqlScriptRunner.Registry();
        var session = new SqlSession(new SqlSessionOptions(registry));
        foreach (var statement in SqlSession.ParseScript(Ddl))
        {
            session.Execute(statement);
        }

        var plan = Sql.Planning.Planner.Plan(SqlSession.ParseScript(query).Single(), session.Catalog);
        var planner = new PhysicalPlanner("cleanup", session.Catalog, new PhysicalPlannerOptions(registry));
        planner.AddQuery(plan, System.Threading.Channels.Channel.CreateUnbounded<Core.Batches.RecordBatch>().Writer);
        return planner.Explain;
    }
}
