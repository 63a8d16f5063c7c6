using Sluice.Connectors.Abstractions.Table;
using Sluice.Sql.Physical.Tests.Joins;

namespace Sluice.Sql.Physical.Tests.EndToEnd;

/// <summary>
/// Projection pushdown into sources: the planner tells the connector which stored columns, and which fields of ROW
/// columns, a statement reads (<see cref="TableContext.Reads"/>); results are the same whatever the source leaves NULL.
/// </summary>
public sealed class ProjectionPushdownTests
{
    private static ConnectorRegistry Registry() => SqlScriptRunner.Registry().Add(new TestRowsTableFactory());

    private static (string Script, string Id) Events()
    {
        var id = TestRowsTableFactory.Register(
            [0, new object?[] { 1L, "ann" }, null, 10L],
            [2, null, new object?[] { 7L, 30L, "web" }, 20L],
            [2, null, new object?[] { 8L, 45L, "app" }, 30L]);
        var script = $"""
            CREATE TABLE events (
                event_type INT,
                person ROW<id BIGINT, name STRING>,
                bid ROW<auction BIGINT, price BIGINT, channel STRING>,
                ts BIGINT,
                doubled AS ts * 2)
              WITH ('connector' = 'test-rows', 'data-id' = '{id}');
            CREATE VIEW bids AS SELECT bid.auction, bid.price, ts FROM events WHERE event_type = 2;
            """;
        return (script, id);
    }

    [Fact]
    public async Task Field_accesses_through_a_view_and_its_filter_read_only_those_fields()
    {
        var (script, id) = Events();
        var result = await SqlScriptRunner.RunAsync(script + "SELECT auction, price FROM bids;", registry: Registry());

        Assert.Equal(["[7, 30]", "[8, 45]"], result.Final);
        // event_type (the filter); of bid only auction (0) and price (1); person not at all, nor ts (the view selects it,
        // the query does not).
        Assert.Equal("#0, -#1, #2.{0,1}, -#3", TestRowsTableFactory.ReadsOf(id));
    }

    [Fact]
    public async Task A_computed_column_reads_what_its_expression_references()
    {
        var (script, id) = Events();
        var result = await SqlScriptRunner.RunAsync(script + "SELECT doubled FROM events WHERE person.name = 'ann';", registry: Registry());

        Assert.Equal(["[20]"], result.Final);
        Assert.Equal("-#0, #1.{1}, -#2, #3", TestRowsTableFactory.ReadsOf(id));
    }

    [Fact]
    public async Task A_whole_row_column_is_read_as_a_whole_and_a_star_reads_everything()
    {
        var (script, id) = Events();
        var result = await SqlScriptRunner.RunAsync(script + "SELECT bid FROM events WHERE event_type = 2;", registry: Registry());
        Assert.Equal(2, result.Final.Count);
        Assert.Equal("#0, -#1, #2, -#3", TestRowsTableFactory.ReadsOf(id));

        result = await SqlScriptRunner.RunAsync(script + "SELECT * FROM events WHERE event_type = 2;", registry: Registry());
        Assert.Equal(2, result.Final.Count);
        Assert.Equal("everything", TestRowsTableFactory.ReadsOf(id));
    }

    [Fact]
    public async Task An_aggregation_reads_only_its_keys_and_arguments()
    {
        var (script, id) = Events();
        var result = await SqlScriptRunner.RunAsync(script + "SELECT event_type, SUM(bid.price) FROM events GROUP BY event_type;", registry: Registry());

        Assert.Equal(["[0, NULL]", "[2, 75]"], result.Final);
        Assert.Equal("#0, -#1, #2.{1}, -#3", TestRowsTableFactory.ReadsOf(id));
    }

    [Fact]
    public void Explain_shows_what_the_source_is_asked_to_fill()
    {
        var (script, _) = Events();
        var session = new Session.SqlSession(new Session.SqlSessionOptions(Registry()));
        var results = Session.SqlSession.ParseScript(script + "EXPLAIN SELECT auction, price FROM bids;").Select(session.Execute).ToList();
        var explain = (string)results[^1].Result!.Rows[0][0]!;

        Assert.Contains("reads=[event_type, bid.auction, bid.price]", explain, StringComparison.Ordinal);
    }
}
