namespace Sluice.Sql.Physical.Tests.EndToEnd;

public sealed class TimeAndSetQueryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-sql-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string File(string name, params string[] lines)
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllLines(path, lines);
        return path;
    }

    private string Events() => $"""
        CREATE TABLE Events (id BIGINT, kind STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
        WITH ('connector' = 'filesystem', 'format' = 'csv', 'path' = '{File("events.csv",
            "1,PU,2024-01-01 10:00:00",
            "2,PU,2024-01-01 10:00:05",
            "1,DL,2024-01-01 10:00:30",
            "3,PU,2024-01-01 10:01:00",
            "2,DL,2024-01-01 10:05:00",
            "3,DL,2024-01-01 10:01:10")}');
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Interval_join_pairs_rows_within_the_bounds(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Events() + """
            SELECT a.id, a.ts AS pickedUp, b.ts AS delivered
            FROM Events AS a, Events AS b
            WHERE a.id = b.id AND a.kind = 'PU' AND b.kind = 'DL'
              AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '1' MINUTE;
            """, parallelism: parallelism);

        // Package 2 was delivered five minutes after pickup: outside the one-minute bound.
        Assert.Equal(
        [
            "[1, 2024-01-01 10:00:00, 2024-01-01 10:00:30]",
            "[3, 2024-01-01 10:01:00, 2024-01-01 10:01:10]",
        ], result.Final);
    }

    [Fact]
    public async Task Event_time_temporal_join_uses_the_version_valid_at_the_row_time()
    {
        var prices = File("prices.csv",
            "A,10,2024-01-01 09:00:00",
            "A,12,2024-01-01 10:00:03",
            "B,7,2024-01-01 09:30:00");
        var orders = File("orders.csv",
            "1,A,2024-01-01 10:00:00",
            "2,A,2024-01-01 10:00:05",
            "3,B,2024-01-01 10:00:06",
            "4,C,2024-01-01 10:00:07");
        var result = await SqlScriptRunner.RunAsync($"""
            CREATE TABLE Prices (item STRING, price INT, ts TIMESTAMP(3), PRIMARY KEY (item) NOT ENFORCED,
              WATERMARK FOR ts AS ts)
            WITH ('connector' = 'filesystem', 'format' = 'csv', 'path' = '{prices}');
            CREATE TABLE Orders (id INT, item STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
            WITH ('connector' = 'filesystem', 'format' = 'csv', 'path' = '{orders}');
            SELECT o.id, p.price FROM Orders AS o
            LEFT JOIN Prices FOR SYSTEM_TIME AS OF o.ts AS p ON o.item = p.item;
            """);

        Assert.Equal(["[1, 10]", "[2, 12]", "[3, 7]", "[4, NULL]"], result.Final);
    }

    [Theory]
    [InlineData("INTERSECT", new[] { "[1]", "[2]" })]
    [InlineData("INTERSECT ALL", new[] { "[1]", "[2]" })]
    [InlineData("EXCEPT", new[] { "[3]" })]
    [InlineData("EXCEPT ALL", new[] { "[2]", "[3]" })]
    public async Task Set_operations_follow_multiset_semantics(string operation, string[] expected)
    {
        var result = await SqlScriptRunner.RunAsync($"""
            SELECT x FROM (VALUES (1), (2), (2), (3)) AS a(x)
            {operation}
            SELECT y FROM (VALUES (1), (2), (4)) AS b(y);
            """, parallelism: 2);

        Assert.Equal(expected, result.Final);
    }

    [Fact]
    public async Task Cross_join_unnest_with_ordinality()
    {
        var parcels = File("parcels.json",
            """{"id": 1, "items": ["a", "b"]}""",
            """{"id": 2, "items": []}""",
            """{"id": 3, "items": ["c"]}""");
        var result = await SqlScriptRunner.RunAsync($"""
            CREATE TABLE Parcels (id BIGINT, items ARRAY<STRING>)
            WITH ('connector' = 'filesystem', 'format' = 'json', 'path' = '{parcels}');
            SELECT p.id, t.item, t.pos FROM Parcels AS p CROSS JOIN UNNEST(p.items) WITH ORDINALITY AS t (item, pos);
            """);

        Assert.Equal(["[1, a, 1]", "[1, b, 2]", "[3, c, 1]"], result.Final);
    }

    [Fact]
    public async Task Order_by_time_with_limit_emits_the_earliest_rows_in_order()
    {
        var result = await SqlScriptRunner.RunAsync(Events() + """
            SELECT id, kind FROM Events ORDER BY ts LIMIT 3;
            """, parallelism: 2);

        Assert.Equal(["+I[1, PU]", "+I[2, PU]", "+I[1, DL]"], result.Changelog);
    }
}
