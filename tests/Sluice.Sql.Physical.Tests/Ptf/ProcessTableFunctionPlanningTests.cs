using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Ptf;

/// <summary>
/// Planning errors of the process table functions and of non-time OVER windows (positioned), and a whole job of each at
/// parallelism 1 and 4.
/// </summary>
public sealed class ProcessTableFunctionPlanningTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-ptf-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task KeepFirstWithOnTime_OverAnUpdatingInput_IsAnErrorAtTheOnTimeArgument()
    {
        var script = Events() + """

            WITH latest AS (SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY name ORDER BY ts DESC) AS rn FROM Events) WHERE rn = 1)
            SELECT * FROM DEDUPLICATE_KEEP_FIRST(input => TABLE latest PARTITION BY name,
              on_time => DESCRIPTOR(ts));
            """;
        var error = await Assert.ThrowsAsync<SqlException>(() => SqlScriptRunner.RunAsync(script));

        var lines = script.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("on_time =>", StringComparison.Ordinal)) + 1;
        Assert.Equal(SqlErrorCode.NotSupported, error.Code);
        Assert.Equal(line, error.Line);
        Assert.Equal(lines[line - 1].IndexOf("DESCRIPTOR", StringComparison.Ordinal) + 1, error.Column);
        Assert.Contains("DEDUPLICATE_KEEP_FIRST with on_time takes an insert-only input", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonTimeOver_OrderedByADouble_IsAnErrorAtTheWindow()
    {
        var script = Events() + """

            SELECT name, SUM(amount) OVER (PARTITION BY name ORDER BY score) AS s FROM Events;
            """;
        var error = await Assert.ThrowsAsync<SqlException>(() => SqlScriptRunner.RunAsync(script));
        var lines = script.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("ORDER BY score", StringComparison.Ordinal)) + 1;
        Assert.Equal(line, error.Line);
        Assert.Contains("supports integer and TIMESTAMP columns, not DOUBLE", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task KeepFirstAndToChangelog_RunAtAnyParallelism(int parallelism)
    {
        var first = await SqlScriptRunner.RunAsync(Events() + """
            SELECT name, amount FROM DEDUPLICATE_KEEP_FIRST(input => TABLE Events PARTITION BY name);
            """, parallelism: parallelism);
        Assert.Equal(["[a, 1]", "[b, 2]", "[c, 5]"], first.Final.Order(StringComparer.Ordinal));
        Assert.All(first.Changelog, line => Assert.StartsWith("+I", line, StringComparison.Ordinal));

        var earliest = await SqlScriptRunner.RunAsync(Events() + """
            SELECT name, amount FROM DEDUPLICATE_KEEP_FIRST(input => TABLE Events PARTITION BY name, on_time => DESCRIPTOR(ts));
            """, parallelism: parallelism);
        Assert.Equal(["[a, 3]", "[b, 2]", "[c, 5]"], earliest.Final.Order(StringComparer.Ordinal));

        var changes = await SqlScriptRunner.RunAsync(Events() + """
            CREATE VIEW totals AS SELECT name, SUM(amount) AS total FROM Events GROUP BY name;
            SELECT name, op, total FROM TO_CHANGELOG(input => TABLE totals PARTITION BY name);
            """, parallelism: parallelism);
        Assert.All(changes.Changelog, line => Assert.StartsWith("+I", line, StringComparison.Ordinal));

        // Applying the kinds named in the op column gives the final totals: a 1 + 3 + 4, b 2, c 5.
        var applied = new List<string>();
        foreach (var row in changes.Final)
        {
            var parts = row.Trim('[', ']').Split(", ");
            var value = $"[{parts[0]}, {parts[2]}]";
            if (parts[1] is "INSERT" or "UPDATE_AFTER")
            {
                applied.Add(value);
            }
            else
            {
                Assert.True(applied.Remove(value), $"{parts[1]} of {value} retracts a row that is not there");
            }
        }

        Assert.Equal(["[a, 8]", "[b, 2]", "[c, 5]"], applied.Order(StringComparer.Ordinal));
    }

    /// <summary>Events (name, amount, score, ts) with a watermark; a's earliest event (3, 10:00:00) arrives second.</summary>
    private string Events()
    {
        var path = Path.Combine(_directory, "events.csv");
        File.WriteAllLines(path,
        [
            "a,1,0.5,2024-01-01 10:00:02",
            "a,3,0.7,2024-01-01 10:00:00",
            "b,2,0.1,2024-01-01 10:00:03",
            "a,4,0.2,2024-01-01 10:00:04",
            "c,5,0.9,2024-01-01 10:00:05",
        ]);
        return $"""
            CREATE TABLE Events (name STRING, amount INT, score DOUBLE, ts TIMESTAMP(3),
              WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
            WITH ('connector' = 'filesystem', 'format' = 'csv', 'path' = '{path}');
            """;
    }
}
