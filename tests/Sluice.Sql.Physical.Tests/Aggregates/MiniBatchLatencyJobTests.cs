using Sluice.Sql.Physical.Session;
using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>
/// The mini-batch latency deadline in a running job: over an unbounded source, without checkpoints, with a bundle size
/// never reached, only the processing-time callback (a mail of the task) can fold a bundle, so results appearing while
/// the job runs prove it fires on the task thread of a real job.
/// </summary>
public sealed class MiniBatchLatencyJobTests
{
    [Fact]
    public async Task UnboundedJob_BundlesBelowTheSize_AreEmittedWhenTheirLatencyPasses()
    {
        var session = new SqlSession(new SqlSessionOptions(SqlScriptRunner.Registry())
        {
            Configuration = new Dictionary<string, string>
            {
                ["table.exec.mini-batch.enabled"] = "true",
                ["table.exec.mini-batch.allow-latency"] = "50 ms",
                ["table.exec.mini-batch.size"] = "1000000000",
            },
        });
        var statements = SqlSession.ParseScript("""
            CREATE TABLE Gen (k INT) WITH ('connector' = 'datagen', 'rows-per-second' = '200', 'fields.k.min' = '1', 'fields.k.max' = '3');
            SELECT k, COUNT(*) AS n FROM Gen GROUP BY k;
            """);
        session.Execute(statements[0]);

        await using var job = session.Execute(statements[1]).Job ?? throw new InvalidOperationException("The query started no job.");
        Assert.False(job.IsBounded);
        var rows = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (rows.Count < 3)
        {
            using var batch = await job.Results.ReadAsync(timeout.Token);
            rows.AddRange(SqlScriptRunner.Rows(batch));
        }

        Assert.False(job.Completion.IsCompleted);
        Assert.Contains(rows, r => r.StartsWith("+I[", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Matches(@"^[+-][IU]\[[123], \d+\]$", r));
    }
}
