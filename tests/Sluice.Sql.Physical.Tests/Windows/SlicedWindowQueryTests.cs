using System.Globalization;
using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Windows;

/// <summary>
/// Through SQL: a HOP or CUMULATE aggregation of mergeable functions runs sliced, one with LISTAGG (whose result depends
/// on the arrival order across slices) per window; both must agree on the columns they share.
/// </summary>
public sealed class SlicedWindowQueryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-sliced-").FullName;

    public SlicedWindowQueryTests()
    {
        // 300 bids over five keys, 0.7 s apart, a few of them out of order (the watermark allows 2 s).
        var random = new Random(5);
        var lines = new List<string> { "# k,v,ts" };
        var start = new DateTime(2024, 1, 1, 10, 0, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < 300; i++)
        {
            var at = start.AddMilliseconds((i * 700) - (random.Next(4) == 0 ? random.Next(0, 3000) : 0));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"k{random.Next(5)},{random.Next(1, 100)},{at:yyyy-MM-dd HH:mm:ss.fff}"));
        }

        File.WriteAllLines(Path.Combine(_directory, "bids.csv"), lines);
    }

    [Theory]
    [InlineData("HOP(TABLE Bids, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND)", 1)]
    [InlineData("HOP(TABLE Bids, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND)", 2)]
    [InlineData("CUMULATE(TABLE Bids, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '20' SECOND)", 2)]
    public async Task SlicedAndPerWindowAggregations_Agree(string window, int parallelism)
    {
        const string Table = """
            CREATE TABLE Bids (k STRING, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
            WITH ('connector' = 'filesystem', 'path' = 'bids.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

            """;
        var sliced = await SqlScriptRunner.RunAsync(Table + $"""
            SELECT k, window_start, window_end, COUNT(*) AS n, SUM(v) AS total, MAX(v) AS top, MIN(v) AS bottom, COUNT(DISTINCT v) AS dv
            FROM TABLE({window}) GROUP BY k, window_start, window_end;
            """, _directory, parallelism);
        var perWindow = await SqlScriptRunner.RunAsync(Table + $"""
            SELECT k, window_start, window_end, COUNT(*) AS n, SUM(v) AS total, MAX(v) AS top, MIN(v) AS bottom, COUNT(DISTINCT v) AS dv,
                   LISTAGG(CAST(v AS STRING)) AS vs
            FROM TABLE({window}) GROUP BY k, window_start, window_end;
            """, _directory, parallelism);

        var withoutList = perWindow.Final.Select(r => r[..r.LastIndexOf(", ", StringComparison.Ordinal)] + "]").Order(StringComparer.Ordinal).ToList();
        Assert.True(withoutList.Count > 50, $"expected many windows, got {withoutList.Count}");
        Assert.Equal(withoutList, sliced.Final.Order(StringComparer.Ordinal).ToList());
        Assert.All(sliced.Changelog, line => Assert.StartsWith("+I", line, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
