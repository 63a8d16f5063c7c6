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

    [Fact]
    public async Task StopJobWithSavepoint_WithoutADirectory_IsAnErrorAndTheJobKeepsRunning_WithOne_WritesTheSavepoint()
    {
        using var here = new TempDirectory();
        var savepoints = Path.Combine(here.Path, "savepoints");
        var output = new StringWriter();
        var error = new StringWriter();
        var syncOutput = TextWriter.Synchronized(output);
        string Written()
        {
            // The synchronized writer locks itself (its methods are synchronized): read the text under the same lock.
            lock (syncOutput)
            {
                return output.ToString();
            }
        }

        string JobId() => Written().ReplaceLineEndings("\n").Split('\n')
            .Single(l => l.StartsWith("Job ID: ", StringComparison.Ordinal))["Job ID: ".Length..];
        int Listings() => Written().Split("row in set").Length;
        IEnumerable<string> Script()
        {
            yield return "CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '5');";
            yield return "CREATE TABLE out (id BIGINT) WITH ('connector' = 'blackhole');";
            yield return "INSERT INTO out SELECT id FROM src;";
            Assert.True(SpinWait.SpinUntil(() => Written().Contains("Job ID: ", StringComparison.Ordinal), TimeSpan.FromSeconds(60)));
            yield return $"STOP JOB '{JobId()}' WITH SAVEPOINT;";

            // SHOW JOBS until the job runs (a savepoint needs a running job).
            for (var attempt = 0; attempt < 600; attempt++)
            {
                var before = Listings();
                yield return "SHOW JOBS;";
                Assert.True(SpinWait.SpinUntil(() => Listings() > before, TimeSpan.FromSeconds(60)));
                if (Written().Split('\n').Last(l => l.Contains(JobId(), StringComparison.Ordinal)).Contains("RUNNING", StringComparison.Ordinal))
                {
                    break;
                }
            }

            yield return $"SET 'state.savepoints.dir' = '{savepoints}';";
            yield return $"STOP JOB '{JobId()}' WITH SAVEPOINT;";
            yield return "exit";
        }

        var input = new ScriptedReader(Script());
        var console = CliConsole.Create(syncOutput, TextWriter.Synchronized(error), input, here.Path, homeDirectory: null);

        var code = await Program.RunAsync(["sql"], console);

        var text = output.ToString().ReplaceLineEndings("\n");
        Assert.True(code == 0, text + error);
        Assert.True(error.ToString().Contains("no savepoint directory is configured", StringComparison.Ordinal), text + error);
        var id = JobId();

        // Still running after the refused stop: SHOW JOBS lists it so (before the second STOP JOB).
        Assert.Contains(text.Split('\n'), l => l.Contains(id, StringComparison.Ordinal) && l.Contains("| RUNNING |", StringComparison.Ordinal));

        // With a directory the savepoint is written there and its path shown.
        Assert.True(text.Contains(savepoints, StringComparison.Ordinal), text + error);
        var path = text.Split('\n').Select(l => l.Trim('|', ' ')).Single(l => l.StartsWith(savepoints, StringComparison.Ordinal));
        Assert.True(Directory.Exists(path) || File.Exists(path), path);
    }

    /// <summary>Piped input whose lines are made when read (a script that waits for the shell's output).</summary>
    private sealed class ScriptedReader(IEnumerable<string> lines) : TextReader
    {
        private readonly IEnumerator<string> _lines = lines.GetEnumerator();

        public override Task<string?> ReadLineAsync() => Task.FromResult(ReadLine());

        public override string? ReadLine() => _lines.MoveNext() ? _lines.Current : null;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _lines.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
