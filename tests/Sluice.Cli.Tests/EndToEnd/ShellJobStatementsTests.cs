namespace Sluice.Cli.Tests.EndToEnd;

/// <summary><c>SHOW JOBS</c> and <c>STOP JOB</c> in <c>sluice sql</c> (Flink's SQL client statements) over background jobs.</summary>
public class ShellJobStatementsTests
{
    [Fact]
    public async Task ShowJobs_ListsTheBackgroundJobWithItsId_StopJobOfAnUnknownIdIsAnError()
    {
        using var here = new TempDirectory();
        var input = """
            CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '5');
            CREATE TABLE out (id BIGINT) WITH ('connector' = 'blackhole');
            SHOW JOBS;
            INSERT INTO out SELECT id FROM src;
            SHOW JOBS;
            STOP JOB '0123456789abcdef0123456789abcdef';
            exit

            """;

        var run = await CliRun.RunAsync(here.Path, input, "sql");

        Assert.True(run.ExitCode == 0, run.ToString());
        var output = run.Output.ReplaceLineEndings("\n");
        Assert.Contains("Empty set", output, StringComparison.Ordinal);
        var id = output.Split('\n').Single(l => l.StartsWith("Job ID: ", StringComparison.Ordinal))["Job ID: ".Length..];
        Assert.Matches("^[0-9a-f]{32}$", id);
        var listing = output.Split('\n').Single(l => l.Contains(id, StringComparison.Ordinal) && !l.StartsWith("Job ID", StringComparison.Ordinal));
        Assert.Matches(@"\| (CREATED|RUNNING) \|", listing);
        Assert.Contains("insert-into_out", listing, StringComparison.Ordinal);
        Assert.Contains("job id", output, StringComparison.Ordinal);
        Assert.Contains("Could not stop job '0123456789abcdef0123456789abcdef'", run.Error, StringComparison.Ordinal);
    }
}
