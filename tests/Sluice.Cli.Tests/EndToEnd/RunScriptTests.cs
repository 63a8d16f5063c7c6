namespace Sluice.Cli.Tests.EndToEnd;

/// <summary><c>sluice run</c> on small scripts, through the CLI's entry point in process.</summary>
public class RunScriptTests
{
    private const string Source =
        "CREATE TABLE src (id BIGINT, name STRING) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', " +
        "'fields.id.start' = '1', 'fields.id.end' = '5', 'fields.name.length' = '3');\n";

    [Fact]
    public async Task Run_UnknownColumn_ExitsNonZeroWithFileLineColumnAndCaret()
    {
        using var here = new TempDirectory();
        here.Write("bad.sql", Source + "\nSELECT id,\n       nope\n  FROM src;\n");

        var run = await CliRun.RunAsync(here.Path, null, "run", "bad.sql");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        var lines = run.Error.Split('\n');
        Assert.StartsWith("bad.sql:4:8: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("nope", lines[0], StringComparison.Ordinal);
        Assert.Equal("  4 |        nope", lines[1]);
        Assert.Equal("    |        ^~~~", lines[2]);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SyntaxError_ExitsNonZeroWithThePosition()
    {
        using var here = new TempDirectory();
        here.Write("typo.sql", "SHOW TABLES;\nSELEC 1;\n");

        var run = await CliRun.RunAsync(here.Path, null, "run", "typo.sql");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("typo.sql:2:1: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("  2 | SELEC 1;\n    | ^", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output); // nothing runs when the script does not parse
    }

    [Fact]
    public async Task Run_MissingScript_ExitsNonZero()
    {
        using var here = new TempDirectory();

        var run = await CliRun.RunAsync(here.Path, null, "run", "missing.sql");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("missing.sql: no such file\n", run.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Run_JobFailure_ExitsNonZeroWithTheRootCause()
    {
        using var here = new TempDirectory();
        here.Write("fail.sql",
            "CREATE TABLE t (a INT) WITH ('connector' = 'filesystem', 'path' = 'absent.csv', 'format' = 'csv');\nSELECT a FROM t;\n");

        var run = await CliRun.RunAsync(here.Path, null, "run", "fail.sql");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("absent.csv", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DdlShowDescribeAndInsertIntoPrint_TablesThenTheInsertedRows()
    {
        using var here = new TempDirectory();
        here.Write("insert.sql", Source +
            "CREATE TABLE out (id BIGINT, doubled BIGINT) WITH ('connector' = 'print');\n" +
            "SHOW TABLES;\n" +
            "INSERT INTO out SELECT id, id * 2 FROM src;\n");

        var run = await CliRun.RunAsync(here.Path, null, "run", "insert.sql");

        Assert.True(run.ExitCode == 0, run.ToString());
        var output = run.Output.ReplaceLineEndings("\n");
        Assert.StartsWith("+------------+\n| table name |\n+------------+\n|        out |\n|        src |\n+------------+\n2 rows in set\n", output,
            StringComparison.Ordinal);
        var printed = output.Split('\n').Where(l => l.StartsWith("+I[", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["+I[1, 2]", "+I[2, 4]", "+I[3, 6]", "+I[4, 8]", "+I[5, 10]"], printed);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Run_QueryOfLiterals_JsonHasEveryValueInItsTextForm()
    {
        using var here = new TempDirectory();
        here.Write("values.sql",
            "SELECT CAST(11 AS DECIMAL(5, 2)) AS d, DATE '2024-01-31' AS day, TIMESTAMP '2024-01-01 10:00:00.000' AS ts, " +
            "TRUE AS b, CAST(NULL AS STRING) AS s, CAST(1 AS DOUBLE) AS f;\n");

        var run = await CliRun.RunAsync(here.Path, null, "run", "values.sql", "-o", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("{\"op\":\"+I\",\"row\":{\"d\":\"11.00\",\"day\":\"2024-01-31\",\"ts\":\"2024-01-01 10:00:00.000\",\"b\":true,\"s\":null,\"f\":1.0}}\n",
            run.Output);
    }

    [Fact]
    public async Task Run_UnboundedInsert_CtrlCStopsWithASavepoint_LatestResumesFromIt()
    {
        using var here = new TempDirectory();
        here.Write("endless.sql",
            "CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '50', 'fields.id.kind' = 'sequence', " +
            "'fields.id.start' = '1', 'fields.id.end' = '1000000000');\n" +
            "CREATE TABLE sink (id BIGINT) WITH ('connector' = 'blackhole');\n" +
            "INSERT INTO sink SELECT id FROM src;\n");

        var (first, savepoint) = await RunUntilInterruptedAsync(here.Path, "run", "endless.sql", "--verbose");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.StartsWith(Path.Combine(here.Path, ".sluice", "savepoints"), savepoint, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(savepoint, "_metadata")), first.ToString());
        Assert.Contains($"--from-savepoint {savepoint}", first.Error, StringComparison.Ordinal);

        var (second, _) = await RunUntilInterruptedAsync(here.Path, "run", "endless.sql", "--from-savepoint", "latest", "--verbose");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains($"[INFO] Starting from savepoint {savepoint}.", second.Error, StringComparison.Ordinal);
    }

    /// <summary>Runs the CLI until its job runs, presses Ctrl-C, and returns the run and the savepoint it printed.</summary>
    private static async Task<(CliRun Run, string Savepoint)> RunUntilInterruptedAsync(string directory, params string[] args)
    {
        var (console, output, error) = CliRun.Console(directory);
        var running = Program.RunAsync(args, console);
        while (!error.ToString().Contains("is running", StringComparison.Ordinal))
        {
            Assert.False(running.IsCompleted, $"ended before running: {error}");
            await Task.Delay(20);
        }

        Assert.True(console.Interrupts.Raise());
        var code = await running.WaitAsync(TimeSpan.FromMinutes(2));
        var run = CliRun.Of(code, output.ToString(), error.ToString());
        var marker = "stopped with a savepoint: ";
        var line = run.Error.Split('\n').FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal)) ?? "";
        return (run, line.Length == 0 ? "" : line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim());
    }
}
