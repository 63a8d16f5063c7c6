using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Runtime.Execution;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Windows;
using Sluice.Sql.Physical.Session;
using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;
using static Sluice.Sql.Physical.Tests.Windows.TimeRows;

namespace Sluice.Sql.Physical.Tests.Windows;

/// <summary>
/// A window aggregation over the <c>window_start</c> / <c>window_end</c> of an earlier one (Flink's cascaded window
/// aggregation) over SESSION windows, processing-time windows and with GROUPING SETS; the operator's attached
/// processing-time mode, with snapshot and restore. Event-time cascades over sessions and with grouping sets also run as
/// golden cases (<c>window_over_session</c>, <c>window_over_window_grouping_sets</c>), restored from a checkpoint there.
/// </summary>
public sealed class CascadedWindowAggregationTests : IDisposable
{
    /// <summary>The outer aggregation's input: an inner aggregation's rows (key, window, value).</summary>
    private static readonly Schema Inner = new(
    [
        new Field("k", DataTypes.String()),
        new Field("window_start", DataTypes.Timestamp(3).NotNull()),
        new Field("window_end", DataTypes.Timestamp(3).NotNull()),
        new Field("v", DataTypes.BigInt()),
    ]);

    private static readonly AggregateCall[] Calls =
    [
        new(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "cnt"),
        new(AggregateKind.Sum, 3, DataTypes.BigInt(), "total"),
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-cascade-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static WindowAggregateOperator Outer(bool attached) =>
        new(Inner, [0], 1, 2, Calls, processingTime: true, attachedWindows: attached);

    [Fact]
    public void AttachedProcessingTime_RowsOfAnEndedWindow_AreAggregatedAndFireAtTheNextTimer()
    {
        // Processing time is 100 ms; the inner windows [0, 50) and [50, 100) ended already: their rows are not late.
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddMilliseconds(100));
        using var harness = new OperatorHarness(Outer(attached: true), timeProvider: clock).Open();
        harness.ProcessBatch(Batch(Inner, R("+I", "a", Ms(0), Ms(50), 2L), R("+I", "b", Ms(50), Ms(100), 5L)));
        harness.ProcessBatch(Batch(Inner, R("+I", "a", Ms(0), Ms(50), 3L)));
        Assert.Empty(Rows(harness));
        harness.AdvanceProcessingTime(TimeSpan.Zero);
        Assert.Equal(["+I[a, 0, 50, 49, 2, 5]", "+I[b, 50, 100, 99, 1, 5]"], Rows(harness).Order(StringComparer.Ordinal));
        Assert.Equal(0, ((WindowAggregateOperator)harness.Operator).LateRowsDropped);
    }

    [Fact]
    public void UnattachedProcessingTime_DropsTheSameRowsAsLate()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddMilliseconds(100));
        using var harness = new OperatorHarness(Outer(attached: false), timeProvider: clock).Open();
        harness.ProcessBatch(Batch(Inner, R("+I", "a", Ms(0), Ms(50), 2L), R("+I", "b", Ms(50), Ms(100), 5L)));
        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(1));
        harness.EndInput();
        Assert.Empty(Rows(harness));
        Assert.Equal(2, ((WindowAggregateOperator)harness.Operator).LateRowsDropped);
    }

    [Fact]
    public void AttachedProcessingTime_WindowNotYetEnded_FiresAtItsEnd()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddMilliseconds(100));
        using var harness = new OperatorHarness(Outer(attached: true), timeProvider: clock).Open();
        harness.ProcessBatch(Batch(Inner, R("+I", "a", Ms(100), Ms(150), 7L)));
        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(48));
        Assert.Empty(Rows(harness));
        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["+I[a, 100, 150, 149, 1, 7]"], Rows(harness));
    }

    [Fact]
    public void AttachedProcessingTime_SnapshotBeforeTheTimer_RestoresAndFiresTheSameResult()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddMilliseconds(100));
        OperatorSnapshot snapshot;
        using (var first = new OperatorHarness(Outer(attached: true), timeProvider: clock).Open())
        {
            first.ProcessBatch(Batch(Inner, R("+I", "a", Ms(0), Ms(50), 2L), R("+I", "b", Ms(0), Ms(50), 4L)));
            snapshot = first.Snapshot(1);
            Assert.Empty(Rows(first));
        }

        var restoredClock = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddMilliseconds(120));
        using var restored = new OperatorHarness(Outer(attached: true), timeProvider: restoredClock, restoreFrom: [snapshot]).Open();
        restored.ProcessBatch(Batch(Inner, R("+I", "a", Ms(0), Ms(50), 3L)));
        restored.AdvanceProcessingTime(TimeSpan.Zero);
        restored.EndInput();
        Assert.Equal(["+I[a, 0, 50, 49, 2, 5]", "+I[b, 0, 50, 49, 1, 4]"], Rows(restored).Order(StringComparer.Ordinal));
    }

    private string Orders()
    {
        var path = Path.Combine(_directory, "orders.csv");
        File.WriteAllLines(path,
        [
            "alice,1,2024-01-01 10:00:00",
            "bob,2,2024-01-01 10:00:01",
            "alice,3,2024-01-01 10:00:02",
            "carol,4,2024-01-01 10:00:07",
            "bob,5,2024-01-01 10:00:03",
            "dave,6,2024-01-01 10:00:09",
            "carol,7,2024-01-01 10:00:08",
            "erin,8,2024-01-01 10:00:20",
        ]);
        return $"""
            CREATE TABLE Orders (customer STRING, amount INT, ts TIMESTAMP(3), pt AS PROCTIME(),
              WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
            WITH ('connector' = 'filesystem', 'format' = 'csv', 'path' = '{path}');
            """;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task EventTime_WindowAggregationOverSessions_GroupsEqualSessions(int parallelism)
    {
        // Sessions with a 2-second gap per customer: alice [00, 04) (1, 3), bob [01, 05) (2, 5), carol [07, 10) (4, 7),
        // dave [09, 11) (6), erin [20, 22) (8). No two customers share a session's bounds, so every outer window holds one
        // inner row: its customer count is 1, its total and largest count are the session's.
        var result = await SqlScriptRunner.RunAsync(Orders() + """
            SELECT window_start, window_end, COUNT(*) AS customers, SUM(total) AS total, MAX(n) AS most
            FROM (
              SELECT customer, window_start, window_end, SUM(amount) AS total, COUNT(*) AS n
              FROM TABLE(SESSION(TABLE Orders PARTITION BY customer, DESCRIPTOR(ts), INTERVAL '2' SECOND))
              GROUP BY customer, window_start, window_end)
            GROUP BY window_start, window_end;
            """, parallelism: parallelism);

        Assert.Equal(
        [
            "[2024-01-01 10:00:00, 2024-01-01 10:00:04, 1, 4, 2]",
            "[2024-01-01 10:00:01, 2024-01-01 10:00:05, 1, 7, 2]",
            "[2024-01-01 10:00:07, 2024-01-01 10:00:10, 1, 11, 2]",
            "[2024-01-01 10:00:09, 2024-01-01 10:00:11, 1, 6, 1]",
            "[2024-01-01 10:00:20, 2024-01-01 10:00:22, 1, 8, 1]",
        ], result.Final);
    }

    [Fact]
    public async Task EventTime_SessionsOfDifferentKeysWithTheSameBounds_AreOneOuterWindow()
    {
        // alice and bob both have the session [00, 03) (one row at 00 and one at 01, gap 2 s); carol [05, 07).
        var path = Path.Combine(_directory, "same.csv");
        File.WriteAllLines(path,
        [
            "alice,1,2024-01-01 10:00:00", "bob,10,2024-01-01 10:00:00", "alice,2,2024-01-01 10:00:01",
            "bob,20,2024-01-01 10:00:01", "carol,100,2024-01-01 10:00:05",
        ]);
        var result = await SqlScriptRunner.RunAsync($"""
            CREATE TABLE T (customer STRING, amount INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
            WITH ('connector' = 'filesystem', 'format' = 'csv', 'path' = '{path}');
            SELECT window_start, window_end, COUNT(*) AS customers, SUM(total) AS total
            FROM (
              SELECT customer, window_start, window_end, SUM(amount) AS total
              FROM TABLE(SESSION(TABLE T PARTITION BY customer, DESCRIPTOR(ts), INTERVAL '2' SECOND))
              GROUP BY customer, window_start, window_end)
            GROUP BY window_start, window_end;
            """, parallelism: 2);

        Assert.Equal(
        [
            "[2024-01-01 10:00:00, 2024-01-01 10:00:03, 2, 33]",
            "[2024-01-01 10:00:05, 2024-01-01 10:00:07, 1, 100]",
        ], result.Final);
    }

    [Fact]
    public async Task EventTime_GroupingSetsOverAWindowAggregation()
    {
        // Inner: 10-second tumbling windows per customer. [00, 10): alice 4 (2 orders), bob 7 (2), carol 11 (2), dave 6 (1);
        // [20, 30): erin 8 (1). Outer: per window, ROLLUP over the order count: by n, and the window total.
        var result = await SqlScriptRunner.RunAsync(Orders() + """
            SELECT window_start, n, COUNT(*) AS customers, SUM(total) AS total, GROUPING(n) AS g
            FROM (
              SELECT customer, window_start, window_end, SUM(amount) AS total, COUNT(*) AS n
              FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
              GROUP BY customer, window_start, window_end)
            GROUP BY window_start, window_end, ROLLUP (n);
            """, parallelism: 2);

        Assert.Equal(
        [
            "[2024-01-01 10:00:00, 1, 1, 6, 0]",
            "[2024-01-01 10:00:00, 2, 3, 22, 0]",
            "[2024-01-01 10:00:00, NULL, 4, 28, 1]",
            "[2024-01-01 10:00:20, 1, 1, 8, 0]",
            "[2024-01-01 10:00:20, NULL, 1, 8, 1]",
        ], result.Final);
    }

    [Fact]
    public async Task GroupingSetsWithoutTheWindowColumns_AreRejected()
    {
        var error = await Assert.ThrowsAnyAsync<Core.Errors.SluiceException>(() => SqlScriptRunner.RunAsync(Orders() + """
            SELECT window_start, window_end, n, COUNT(*) AS customers
            FROM (
              SELECT customer, window_start, window_end, COUNT(*) AS n
              FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
              GROUP BY customer, window_start, window_end)
            GROUP BY GROUPING SETS ((window_start, window_end, n), (n));
            """));
        Assert.Contains("window_start", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessingTime_WindowAggregationOverTumblingWindows()
    {
        // The clock stands at 10:00:30: every row's processing-time window is [10:00, 10:01); both levels fire at the end
        // of the bounded input. Inner: alice 4, bob 7, carol 11, dave 6, erin 8 (per customer); outer: 5 customers, 36.
        var rows = await RunWithClockAsync(Orders() + """
            SELECT window_start, window_end, COUNT(*) AS customers, SUM(total) AS total, MAX(total) AS top
            FROM (
              SELECT customer, window_start, window_end, SUM(amount) AS total
              FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(pt), INTERVAL '1' MINUTE))
              GROUP BY customer, window_start, window_end)
            GROUP BY window_start, window_end;
            """);
        Assert.Equal(["+I[2024-01-01 10:00:00, 2024-01-01 10:01:00, 5, 36, 11]"], rows);
    }

    [Fact]
    public async Task ProcessingTime_WindowAggregationOverSessions()
    {
        // Every row arrives at 10:00:30 (the clock does not move): one session [10:00:30, 10:00:35) per customer.
        var rows = await RunWithClockAsync(Orders() + """
            SELECT window_start, window_end, COUNT(*) AS customers, SUM(n) AS orders
            FROM (
              SELECT customer, window_start, window_end, COUNT(*) AS n
              FROM TABLE(SESSION(TABLE Orders PARTITION BY customer, DESCRIPTOR(pt), INTERVAL '5' SECOND))
              GROUP BY customer, window_start, window_end)
            GROUP BY window_start, window_end;
            """);
        Assert.Equal(["+I[2024-01-01 10:00:30, 2024-01-01 10:00:35, 5, 8]"], rows);
    }

    /// <summary>Runs the script on a session whose clock stands at 2024-01-01 10:00:30 UTC; the last query's changelog.</summary>
    private static async Task<List<string>> RunWithClockAsync(string script)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2024, 1, 1, 10, 0, 30, TimeSpan.Zero));
        var session = new SqlSession(new SqlSessionOptions(SqlScriptRunner.Registry()) { Clock = clock, Parallelism = 2 });
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
