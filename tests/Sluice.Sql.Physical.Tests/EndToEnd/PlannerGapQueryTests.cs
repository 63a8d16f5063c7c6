using Sluice.Runtime.Execution;
using Sluice.Sql.Physical.Session;
using Sluice.Testing;

namespace Sluice.Sql.Physical.Tests.EndToEnd;

/// <summary>
/// Queries Flink runs and Sluice could not before (Nexmark q5, q6, q12): a window aggregation over a window
/// aggregation, <c>PROCTIME()</c> of a view as a time attribute, an OVER aggregation over an updating input; and the
/// sink's string length enforcement (<c>table.exec.sink.type-length-enforcer</c>).
/// </summary>
public sealed class PlannerGapQueryTests : IDisposable
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
    public async Task Window_aggregation_over_a_window_aggregation_fires_at_the_same_window_end(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT window_start, window_end, MAX(cnt) AS top, SUM(cnt) AS total, COUNT(*) AS items
            FROM (
              SELECT item, COUNT(*) AS cnt, window_start, window_end
              FROM TABLE(TUMBLE(TABLE Bids, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES))
              GROUP BY item, window_start, window_end)
            GROUP BY window_start, window_end;
            """, parallelism: parallelism);

        // 10:00-10:05: A has 3 bids, B 2; 10:10-10:15: A has 1.
        Assert.Equal(
        [
            "[2024-01-01 10:00:00, 2024-01-01 10:05:00, 3, 5, 2]",
            "[2024-01-01 10:10:00, 2024-01-01 10:15:00, 1, 1, 1]",
        ], result.Final);
        Assert.All(result.Changelog, line => Assert.StartsWith("+I", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hot_items_join_the_cascaded_maximum_in_a_window_join()
    {
        var result = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT C.item, C.cnt
            FROM (
              SELECT item, COUNT(*) AS cnt, window_start AS ws, window_end AS we
              FROM TABLE(HOP(TABLE Bids, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))
              GROUP BY item, window_start, window_end) AS C
            JOIN (
              SELECT MAX(cnt) AS maxn, ws, we
              FROM (
                SELECT COUNT(*) AS cnt, window_start AS ws, window_end AS we
                FROM TABLE(HOP(TABLE Bids, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))
                GROUP BY item, window_start, window_end)
              GROUP BY ws, we) AS M
            ON C.ws = M.ws AND C.we = M.we AND C.cnt >= M.maxn;
            """, parallelism: 2);

        // 09:55-10:05 and 10:00-10:10: A 3, B 2; 10:05-10:15 and 10:10-10:20: A 1.
        Assert.Equal(["[A, 1]", "[A, 1]", "[A, 3]", "[A, 3]"], result.Final);
    }

    [Fact]
    public async Task Proctime_of_a_view_is_a_processing_time_attribute_for_window_table_functions()
    {
        // The clock the job runs on is fixed: every row falls into the hour window of 10:30.
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 10, 30, 0, TimeSpan.Zero));
        var rows = await CollectAsync(Bids() + """
            CREATE VIEW V AS SELECT *, PROCTIME() AS p FROM Bids;
            SELECT item, COUNT(*) AS cnt, window_start, window_end
            FROM TABLE(TUMBLE(TABLE V, DESCRIPTOR(p), INTERVAL '1' HOUR))
            GROUP BY item, window_start, window_end;
            """, clock);

        // A bounded job fires the processing-time windows still open when its input ends.
        Assert.Equal(["+I[A, 4, 2026-01-01 10:00:00, 2026-01-01 11:00:00]", "+I[B, 2, 2026-01-01 10:00:00, 2026-01-01 11:00:00]"],
            rows.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Over_aggregation_over_a_top1_follows_its_updates()
    {
        var result = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT item, price, SUM(price) OVER (PARTITION BY item ORDER BY bidtime ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS recent
            FROM (
              SELECT item, price, bidtime, ROW_NUMBER() OVER (PARTITION BY item, minute ORDER BY price ASC) AS rn
              FROM (SELECT item, price, bidtime, FLOOR(bidtime TO MINUTE) AS minute FROM Bids))
            WHERE rn <= 1;
            """);

        // The lowest bid per item and minute (at 10:00 A's 3 replaces its 4), then per item the sum of it and the one before.
        Assert.Equal(["[A, 1, 4]", "[A, 3, 3]", "[A, 6, 7]", "[B, 2, 2]", "[B, 5, 7]"], result.Final);
        Assert.Contains(result.Changelog, line => line.StartsWith("-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Lag_with_offset_and_default_over_an_event_time_window(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT item, price,
                   LAG(price) OVER (PARTITION BY item ORDER BY bidtime) AS prev,
                   LAG(price, 2, 0) OVER (PARTITION BY item ORDER BY bidtime) AS prev2
            FROM Bids;
            """, parallelism: parallelism);

        // A's bids in time order are 4, 3, 1, 6 (the 3 arrived after B's first bid); B's 2, 5.
        Assert.Equal(["[A, 1, 3, 4]", "[A, 3, 4, 0]", "[A, 4, NULL, 0]", "[A, 6, 1, 3]", "[B, 2, NULL, 0]", "[B, 5, 2, 0]"], result.Final);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Lead_updates_each_row_when_the_later_rows_come(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Bids() + """
            SELECT item, price,
                   LEAD(price) OVER (PARTITION BY item ORDER BY bidtime) AS next,
                   LEAD(price, 2, -1) OVER (PARTITION BY item ORDER BY bidtime) AS next2
            FROM Bids;
            """, parallelism: parallelism);

        // A's bids in time order are 4, 3, 1, 6; B's 2, 5. A row is first emitted with what follows it so far.
        Assert.Equal(["[A, 1, 6, -1]", "[A, 3, 1, 6]", "[A, 4, 3, 1]", "[A, 6, NULL, -1]", "[B, 2, 5, -1]", "[B, 5, NULL, -1]"], result.Final);
        Assert.Contains(result.Changelog, line => line.StartsWith("-U", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "2026-01-01|ab|x")]
    [InlineData("IGNORE", "2026-01-01|ab|x")]
    [InlineData("TRIM_PAD", "2|ab |x")]
    public async Task Sink_string_lengths_are_enforced_only_with_trim_pad(string? enforcer, string expected)
    {
        var output = Path.Combine(_directory, "out");
        var configuration = new Dictionary<string, string>();
        if (enforcer is not null)
        {
            configuration["table.exec.sink.type-length-enforcer"] = enforcer;
        }

        await SqlScriptRunner.RunAsync($"""
            CREATE TABLE S (d VARCHAR, c CHAR(3), v VARCHAR(5))
              WITH ('connector' = 'filesystem', 'path' = '{output}', 'format' = 'csv', 'csv.field-delimiter' = '|');
            INSERT INTO S SELECT DATE_FORMAT(TIMESTAMP '2026-01-01 00:00:00', 'yyyy-MM-dd'), 'ab', 'x';
            """, configuration: configuration);

        var lines = Directory.GetFiles(output, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .SelectMany(File.ReadAllLines)
            .ToList();
        Assert.Equal([expected], lines);
    }

    [Fact]
    public void Unknown_sink_length_enforcer_is_rejected_by_set()
    {
        var session = new SqlSession(new SqlSessionOptions(SqlScriptRunner.Registry()));
        var error = Assert.ThrowsAny<Core.Errors.SluiceException>(
            () => session.Execute(SqlSession.ParseScript("SET 'table.exec.sink.type-length-enforcer' = 'CUT';")[0]));
        Assert.Contains("TRIM_PAD", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Runs the script's statements on a session with <paramref name="clock"/>; returns the last query's changelog.</summary>
    private static async Task<List<string>> CollectAsync(string script, TimeProvider clock)
    {
        var session = new SqlSession(new SqlSessionOptions(SqlScriptRunner.Registry()) { Clock = clock });
        var rows = new List<string>();
        foreach (var statement in SqlSession.ParseScript(script))
        {
            if (session.Execute(statement).Job is not { } job)
            {
                continue;
            }

            rows.Clear();
            await using (job)
            {
                await foreach (var batch in job.Results.ReadAllAsync())
                {
                    using (batch)
                    {
                        rows.AddRange(SqlScriptRunner.Rows(batch));
                    }
                }

                var result = await job.Completion;
                Assert.Equal(JobStatus.Finished, result.Status);
            }
        }

        return rows;
    }
}
