using System.Diagnostics;
using System.Globalization;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin;
using Sluice.Formats;
using Sluice.Runtime.Execution;
using Sluice.Sql.Physical.Session;

namespace Sluice.Benchmarks;

/// <summary>
/// <c>sql [--query filter|aggregate|window] [--events N] [--parallelism P]</c>: runs a SQL query end to end (datagen →
/// query → blackhole) through the SQL session and prints its throughput. The generated rows are random, so
/// generation is part of the measured cost, as in Nexmark.
/// </summary>
internal static class SqlThroughput
{
    private static readonly Dictionary<string, string> Queries = new(StringComparer.Ordinal)
    {
        ["filter"] = "INSERT INTO Sink SELECT id, price * 2 AS doubled, UPPER(item) AS item FROM Bids WHERE price > 50",
        ["aggregate"] = "INSERT INTO AggSink SELECT item, COUNT(*) AS bids, SUM(price) AS total FROM Bids GROUP BY item",
        ["window"] = """
            INSERT INTO WindowSink
            SELECT window_start, item, COUNT(*) AS bids, MAX(price) AS top
            FROM TABLE(TUMBLE(TABLE Bids, DESCRIPTOR(ts), INTERVAL '1' SECOND))
            GROUP BY window_start, window_end, item
            """,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var query = Option(args, "--query", "filter");
        var events = long.Parse(Option(args, "--events", "5000000"), CultureInfo.InvariantCulture);
        var parallelism = int.Parse(Option(args, "--parallelism", "2"), CultureInfo.InvariantCulture);
        if (!Queries.TryGetValue(query, out var insert))
        {
            Console.Error.WriteLine($"Unknown query '{query}'; use one of {string.Join(", ", Queries.Keys)}.");
            return 1;
        }

        var registry = new ConnectorRegistry().AddStandardFormats().AddBuiltinConnectors();
        var session = new SqlSession(new SqlSessionOptions(registry) { Parallelism = parallelism });
        var perSplit = events / parallelism;
        var script = $"""
            CREATE TABLE Bids (
              id BIGINT, item STRING, price INT, ts AS TO_TIMESTAMP_LTZ(id, 3),
              WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
            ) WITH (
              'connector' = 'datagen', 'number-of-rows' = '{perSplit * parallelism}', 'rows-per-second' = '1000000000',
              'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '{perSplit * parallelism}',
              'fields.item.length' = '2', 'fields.price.min' = '1', 'fields.price.max' = '100'
            );
            CREATE TABLE Sink (id BIGINT, doubled INT, item STRING) WITH ('connector' = 'blackhole');
            CREATE TABLE AggSink (item STRING, bids BIGINT, total INT) WITH ('connector' = 'blackhole');
            CREATE TABLE WindowSink (window_start TIMESTAMP(3), item STRING, bids BIGINT, top INT) WITH ('connector' = 'blackhole');
            {insert};
            """;
        var stopwatch = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        SqlJob? job = null;
        foreach (var statement in SqlSession.ParseScript(script))
        {
            job = session.Execute(statement).Job ?? job;
        }

        await using (job!)
        {
            var result = await job!.Completion.ConfigureAwait(false);
            if (result.Status != JobStatus.Finished)
            {
                Console.Error.WriteLine($"The job ended {result.Status}: {result.Failure}");
                return 1;
            }
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cores = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / seconds;
        var total = perSplit * parallelism;
        Console.WriteLine("| query | events | parallelism | seconds | cores used | events/s | events/s per core |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {query} | {total:N0} | {parallelism} | {seconds:F2} | {cores:F2} | {total / seconds:N0} | {total / seconds / Math.Max(cores, 0.01):N0} |"));
        return 0;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
