namespace Sluice.Sql.Physical.Tests.EndToEnd;

/// <summary>
/// Flink's legacy group windows (<c>GROUP BY TUMBLE(...)</c> with <c>TUMBLE_START</c> ...) give the same results as the
/// window table functions they are planned as.
/// </summary>
public sealed class LegacyGroupWindowTests : IDisposable
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
            "2024-01-01 10:00:50,A,3",
            "2024-01-01 10:03:30,B,5",
            "2024-01-01 10:04:00,A,1",
            "2024-01-01 10:11:00,A,6",
            "2024-01-01 10:11:20,B,7",
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
    public async Task Tumble_equals_the_window_table_function(int parallelism)
    {
        var legacy = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT item, TUMBLE_START(bidtime, INTERVAL '5' MINUTE) AS wstart, TUMBLE_END(bidtime, INTERVAL '5' MINUTE) AS wend,
                   SUM(price) AS total
            FROM Bids WHERE price > 1
            GROUP BY TUMBLE(bidtime, INTERVAL '5' MINUTE), item;
            """, parallelism: parallelism);
        var tvf = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT item, window_start, window_end, SUM(price) AS total
            FROM TABLE(TUMBLE(TABLE Bids, DESCRIPTOR(bidtime), INTERVAL '5' MINUTE)) WHERE price > 1
            GROUP BY window_start, window_end, item;
            """, parallelism: parallelism);

        Assert.Equal(tvf.Final, legacy.Final);
        Assert.Contains("[A, 2024-01-01 10:00:00, 2024-01-01 10:05:00, 7]", legacy.Final);
        Assert.All(legacy.Changelog, line => Assert.StartsWith("+I", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hop_with_its_rowtime_equals_the_window_table_function()
    {
        var legacy = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT HOP_START(bidtime, INTERVAL '5' MINUTE, INTERVAL '10' MINUTE) AS s,
                   HOP_ROWTIME(bidtime, INTERVAL '5' MINUTE, INTERVAL '10' MINUTE) AS t, COUNT(*) AS n
            FROM Bids GROUP BY HOP(bidtime, INTERVAL '5' MINUTE, INTERVAL '10' MINUTE);
            """);
        var tvf = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT window_start, window_time, COUNT(*) AS n
            FROM TABLE(HOP(TABLE Bids, DESCRIPTOR(bidtime), INTERVAL '5' MINUTE, INTERVAL '10' MINUTE))
            GROUP BY window_start, window_end, window_time;
            """);

        Assert.Equal(tvf.Final, legacy.Final);
        Assert.Equal(4, legacy.Final.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Session_is_per_group_key(int parallelism)
    {
        var legacy = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT item, COUNT(*) AS bids, SESSION_START(bidtime, INTERVAL '2' MINUTE) AS s, SESSION_END(bidtime, INTERVAL '2' MINUTE) AS e
            FROM Bids GROUP BY item, SESSION(bidtime, INTERVAL '2' MINUTE);
            """, parallelism: parallelism);
        var tvf = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT item, COUNT(*) AS bids, window_start, window_end
            FROM TABLE(SESSION(TABLE Bids PARTITION BY item, DESCRIPTOR(bidtime), INTERVAL '2' MINUTE))
            GROUP BY item, window_start, window_end;
            """, parallelism: parallelism);

        Assert.Equal(tvf.Final, legacy.Final);
        Assert.Contains("[A, 2, 2024-01-01 10:00:10, 2024-01-01 10:02:50]", legacy.Final);
    }

    [Fact]
    public async Task An_auxiliary_function_without_its_group_window_is_an_error_with_its_position()
    {
        var error = await Assert.ThrowsAnyAsync<Sluice.Core.Errors.SluiceException>(() => SqlScriptRunner.RunAsync(Bids() + """
            SELECT TUMBLE_START(bidtime, INTERVAL '5' MINUTE), COUNT(*) FROM Bids GROUP BY item;
            """));

        Assert.Contains("TUMBLE_START can only be used in a query grouped by the group window TUMBLE(...)", error.Message, StringComparison.Ordinal);
    }
}
