namespace Sluice.Cli.Tests.EndToEnd;

/// <summary>
/// <c>sluice run --from-savepoint latest</c> of a bounded job that finished: its final checkpoint holds finished markers
/// instead of the aggregation's state (FLIP-147), and the rerun finishes at once without output.
/// </summary>
public class FinishedJobRestoreTests
{
    [Fact]
    public async Task Rerun_OfAFinishedBoundedAggregation_FromLatest_FinishesWithoutNewOutput()
    {
        using var here = new TempDirectory();
        var input = here.Write("input.csv", "a,1\nb,2\na,3\n");
        here.Write("sum.sql",
            $"CREATE TABLE src (k STRING, v BIGINT) WITH ('connector' = 'filesystem', 'path' = '{input}', 'format' = 'csv');\n" +
            "CREATE TABLE out (k STRING, total BIGINT) WITH ('connector' = 'print');\n" +
            "INSERT INTO out SELECT k, SUM(v) FROM src GROUP BY k;\n");

        var first = await CliRun.RunAsync(here.Path, null, "run", "sum.sql", "--checkpoint-dir", "ckpt");

        Assert.True(first.ExitCode == 0, first.ToString());
        var changes = Changes(first.Output);
        Assert.Contains(changes, l => l.EndsWith("[a, 4]", StringComparison.Ordinal));
        Assert.Contains(changes, l => l.EndsWith("[b, 2]", StringComparison.Ordinal));

        // The final checkpoint marks the finished operators and holds no keyed state.
        var final = Directory.EnumerateDirectories(Path.Combine(here.Path, "ckpt"), "chk-*")
            .OrderBy(d => long.Parse(Path.GetFileName(d)[4..], System.Globalization.CultureInfo.InvariantCulture)).Last();
        var metadata = await File.ReadAllTextAsync(Path.Combine(final, "_metadata"));
        Assert.Contains("\"finished\": true", metadata, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(final, "*.keyed"));

        // Lines appended after the job finished are not read again, and no result is emitted twice.
        File.AppendAllText(input, "a,10\n");
        var second = await CliRun.RunAsync(here.Path, null, "run", "sum.sql", "--checkpoint-dir", "ckpt", "--from-savepoint", "latest");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(Changes(second.Output));
    }

    private static List<string> Changes(string output) =>
        output.ReplaceLineEndings("\n").Split('\n')
            .Where(l => l.StartsWith("+I[", StringComparison.Ordinal) || l.StartsWith("-U[", StringComparison.Ordinal)
                || l.StartsWith("+U[", StringComparison.Ordinal) || l.StartsWith("-D[", StringComparison.Ordinal))
            .ToList();
}
