namespace Sluice.Sql.Physical.Tests.EndToEnd;

public sealed class WindowQueryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-sql-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Bids()
    {
        var path = Path.Combine(_directory, "bids.csv");
        File.WriteAllLines(path,
        [
            "2024-01-01 10:00:10,A,4",
            "2024-01-01 10:01:00,B,2",
            "2024-01-01 10:00:50,A,3", // out of order, within the watermark delay
            "2024-01-01 10:03:30,B,5",
            "2024-01-01 10:04:00,A,1",
            "2024-01-01 10:11:00,A,6",
        ]);
        return $"""
            CREATE TABLE Bids (bidtime TIMESTAMP(3), item STRING, price INT,
              WATERMARK FOR bidtime AS bidtime - INTERVAL '1' MINUTE)
            WITH ('connector' = 'filesystem', 'format' = 'csv', 'path' = '{path}');
            """;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Tumbling_window_aggregation(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT window_start, window_end, item, SUM(price) AS total, COUNT(*) AS bids
            FROM TABLE(TUMBLE(TABLE Bids, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES))
            GROUP BY window_start, window_end, item;
            """, parallelism: parallelism);

        Assert.Equal(
        [
            "[2024-01-01 10:00:00, 2024-01-01 10:05:00, A, 8, 3]",
            "[2024-01-01 10:00:00, 2024-01-01 10:05:00, B, 7, 2]",
            "[2024-01-01 10:10:00, 2024-01-01 10:15:00, A, 6, 1]",
        ], result.Final);
        Assert.All(result.Changelog, line => Assert.StartsWith("+I", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hopping_and_cumulating_windows()
    {
        var hop = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT window_start, SUM(price) AS total
            FROM TABLE(HOP(TABLE Bids, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))
            GROUP BY window_start, window_end;
            """);
        Assert.Equal(
        [
            "[2024-01-01 09:55:00, 15]",
            "[2024-01-01 10:00:00, 15]",
            "[2024-01-01 10:05:00, 6]",
            "[2024-01-01 10:10:00, 6]",
        ], hop.Final);

        var cumulate = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT window_start, window_end, SUM(price) AS total
            FROM TABLE(CUMULATE(TABLE Bids, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES))
            GROUP BY window_start, window_end;
            """);
        Assert.Equal(
        [
            "[2024-01-01 10:00:00, 2024-01-01 10:02:00, 9]",
            "[2024-01-01 10:00:00, 2024-01-01 10:04:00, 14]",
            "[2024-01-01 10:00:00, 2024-01-01 10:06:00, 15]",
            "[2024-01-01 10:00:00, 2024-01-01 10:08:00, 15]",
            "[2024-01-01 10:00:00, 2024-01-01 10:10:00, 15]",
            "[2024-01-01 10:10:00, 2024-01-01 10:12:00, 6]",
            "[2024-01-01 10:10:00, 2024-01-01 10:14:00, 6]",
            "[2024-01-01 10:10:00, 2024-01-01 10:16:00, 6]",
            "[2024-01-01 10:10:00, 2024-01-01 10:18:00, 6]",
            "[2024-01-01 10:10:00, 2024-01-01 10:20:00, 6]",
        ], cumulate.Final);
    }

    [Fact]
    public async Task Session_windows_per_item()
    {
        var result = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT item, window_start, window_end, SUM(price) AS total
            FROM TABLE(SESSION(TABLE Bids PARTITION BY item, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES))
            GROUP BY item, window_start, window_end;
            """, parallelism: 2);

        Assert.Equal(
        [
            "[A, 2024-01-01 10:00:10, 2024-01-01 10:02:50, 7]",
            "[A, 2024-01-01 10:04:00, 2024-01-01 10:06:00, 1]",
            "[A, 2024-01-01 10:11:00, 2024-01-01 10:13:00, 6]",
            "[B, 2024-01-01 10:01:00, 2024-01-01 10:03:00, 2]",
            "[B, 2024-01-01 10:03:30, 2024-01-01 10:05:30, 5]",
        ], result.Final);
    }

    [Fact]
    public async Task Over_aggregation_running_sum_per_item()
    {
        var result = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT item, price, SUM(price) OVER (PARTITION BY item ORDER BY bidtime
              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
            FROM Bids;
            """, parallelism: 2);

        Assert.Equal(["[A, 1, 8]", "[A, 3, 7]", "[A, 4, 4]", "[A, 6, 14]", "[B, 2, 2]", "[B, 5, 7]"], result.Final);
    }

    [Fact]
    public async Task Window_top_n_keeps_the_best_item_per_window()
    {
        var result = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT window_start, item, total FROM (
              SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY total DESC) AS rn
              FROM (
                SELECT window_start, window_end, item, SUM(price) AS total
                FROM TABLE(TUMBLE(TABLE Bids, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES))
                GROUP BY window_start, window_end, item))
            WHERE rn <= 1;
            """);

        Assert.Equal(["[2024-01-01 10:00:00, A, 8]", "[2024-01-01 10:10:00, A, 6]"], result.Final);
    }

    [Fact]
    public async Task Grouping_sets_count_distinct_and_having()
    {
        var result = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT item, COUNT(DISTINCT price) AS prices, SUM(price) AS total
            FROM Bids GROUP BY ROLLUP (item) HAVING SUM(price) > 5;
            """, parallelism: 2);

        Assert.Equal(["[A, 4, 14]", "[B, 2, 7]", "[NULL, 6, 21]"], result.Final);
    }

    [Fact]
    public async Task Window_join_matches_rows_of_the_same_window()
    {
        var left = Path.Combine(_directory, "left.csv");
        var right = Path.Combine(_directory, "right.csv");
        File.WriteAllLines(left, ["2024-01-01 10:00:01,1,L1", "2024-01-01 10:02:00,2,L2", "2024-01-01 10:06:00,3,L3"]);
        File.WriteAllLines(right, ["2024-01-01 10:01:00,2,R2", "2024-01-01 10:03:00,3,R3", "2024-01-01 10:07:00,4,R4"]);
        var result = await SqlScriptRunner.RunAsync($"""
            CREATE TABLE LeftTable (row_time TIMESTAMP(3), num INT, id STRING, WATERMARK FOR row_time AS row_time - INTERVAL '1' SECOND)
            WITH ('connector' = 'filesystem', 'format' = 'csv', 'path' = '{left}');
            CREATE TABLE RightTable (row_time TIMESTAMP(3), num INT, id STRING, WATERMARK FOR row_time AS row_time - INTERVAL '1' SECOND)
            WITH ('connector' = 'filesystem', 'format' = 'csv', 'path' = '{right}');
            SELECT L.num AS L_Num, L.id AS L_Id, R.num AS R_Num, R.id AS R_Id, COALESCE(L.window_start, R.window_start) AS window_start
            FROM (SELECT * FROM TABLE(TUMBLE(TABLE LeftTable, DESCRIPTOR(row_time), INTERVAL '5' MINUTES))) L
            FULL JOIN (SELECT * FROM TABLE(TUMBLE(TABLE RightTable, DESCRIPTOR(row_time), INTERVAL '5' MINUTES))) R
            ON L.num = R.num AND L.window_start = R.window_start AND L.window_end = R.window_end;
            """, parallelism: 2);

        // 3 is in both tables but in different windows, so it does not match.
        Assert.Equal(
        [
            "[1, L1, NULL, NULL, 2024-01-01 10:00:00]",
            "[2, L2, 2, R2, 2024-01-01 10:00:00]",
            "[3, L3, NULL, NULL, 2024-01-01 10:05:00]",
            "[NULL, NULL, 3, R3, 2024-01-01 10:00:00]",
            "[NULL, NULL, 4, R4, 2024-01-01 10:05:00]",
        ], result.Final);
        Assert.All(result.Changelog, line => Assert.StartsWith("+I", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Window_deduplication_keeps_the_last_bid_per_window()
    {
        var result = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT window_start, item, price FROM (
              SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY bidtime DESC) AS rn
              FROM TABLE(TUMBLE(TABLE Bids, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES)))
            WHERE rn <= 1;
            """);

        Assert.Equal(["[2024-01-01 10:00:00, A, 1]", "[2024-01-01 10:10:00, A, 6]"], result.Final);
        Assert.All(result.Changelog, line => Assert.StartsWith("+I", line, StringComparison.Ordinal));
    }
}
