using Sluice.Cli.Commands;
using Sluice.Cli.Output;

namespace Sluice.Cli.Tests.Commands;

public class RunCommandTests
{
    private static readonly string Here = Path.Combine(Path.GetTempPath(), "sluice-cli-tests");

    private static (System.CommandLine.ParseResult Result, RunCommand Run) Parse(params string[] args)
    {
        var (console, _, _) = CliRun.Console(Here);
        var root = CliCommands.Create(console, TimeProvider.System);
        var run = root.Subcommands.OfType<RunCommand>().Single();
        return (root.Parse(args), run);
    }

    private static RunSettings Bind(params string[] args)
    {
        var (result, run) = Parse(args);
        Assert.Empty(result.Errors);
        return run.Bind(result, Here);
    }

    [Fact]
    public void Bind_OnlyTheScript_Defaults()
    {
        var settings = Bind("run", "jobs/report.sql");

        Assert.Equal(Path.Combine(Here, "jobs", "report.sql"), settings.ScriptPath);
        Assert.Equal("jobs/report.sql", settings.ScriptName);
        Assert.Equal(1, settings.Parallelism);
        Assert.Null(settings.CheckpointDirectory);
        Assert.Null(settings.CheckpointInterval);
        Assert.Null(settings.FromSavepoint);
        Assert.Equal(OutputFormat.Table, settings.Output);
        Assert.False(settings.Verbose);
    }

    [Fact]
    public void Bind_EveryOption_PathsResolvedAgainstTheCallersDirectory()
    {
        var settings = Bind("run", "/abs/x.sql", "--parallelism", "4", "--checkpoint-dir", "ckpt", "--checkpoint-interval", "10 s",
            "--from-savepoint", "../sp/savepoint-3", "--output", "json", "--verbose");

        Assert.Equal("/abs/x.sql", settings.ScriptPath);
        Assert.Equal(4, settings.Parallelism);
        Assert.Equal(Path.Combine(Here, "ckpt"), settings.CheckpointDirectory);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.CheckpointInterval);
        Assert.Equal(Path.GetFullPath(Path.Combine(Here, "..", "sp", "savepoint-3")), settings.FromSavepoint);
        Assert.Equal(OutputFormat.Json, settings.Output);
        Assert.True(settings.Verbose);
    }

    [Theory]
    [InlineData("1s", 1_000)]
    [InlineData("500 ms", 500)]
    [InlineData("500ms", 500)]
    [InlineData("10 s", 10_000)]
    [InlineData("1min", 60_000)]
    [InlineData("2 min", 120_000)]
    [InlineData("1 h", 3_600_000)]
    [InlineData("250", 250)]
    public void Bind_CheckpointInterval_FlinkDurations(string text, long millis)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(millis), Bind("run", "x.sql", "--checkpoint-interval", text).CheckpointInterval);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("1 fortnight")]
    [InlineData("0 s")]
    [InlineData("")]
    public void Parse_CheckpointIntervalNotAPositiveDuration_IsAnError(string text)
    {
        var (result, _) = Parse("run", "x.sql", "--checkpoint-interval", text);

        Assert.NotEmpty(result.Errors);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("LATEST")]
    public void Bind_FromSavepointLatest_StaysLatest(string text)
    {
        Assert.Equal("latest", Bind("run", "x.sql", "--from-savepoint", text).FromSavepoint);
    }

    [Theory]
    [InlineData("--parallelism", "0")]
    [InlineData("--parallelism", "many")]
    [InlineData("--output", "xml")]
    public void Parse_InvalidOption_IsAnError(string option, string value)
    {
        var (result, _) = Parse("run", "x.sql", option, value);

        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Parse_NoScript_IsAnError()
    {
        Assert.NotEmpty(Parse("run").Result.Errors);
    }

    [Fact]
    public async Task Main_RunHelp_ListsEveryOption()
    {
        var run = await CliRun.RunAsync(Here, null, "run", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "FILE", "--parallelism", "--checkpoint-dir", "--checkpoint-interval", "--from-savepoint", "--output", "table|json|csv", "--verbose" })
        {
            Assert.Contains(option, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Main_Help_ListsTheCommands()
    {
        var run = await CliRun.RunAsync(Here, null, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("run", run.Output, StringComparison.Ordinal);
        Assert.Contains("sql", run.Output, StringComparison.Ordinal);
        Assert.Contains("--version", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_Version_PrintsTheCliVersion()
    {
        var run = await CliRun.RunAsync(Here, null, "--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^sluice \d+\.\d+\.\d+", run.Output);
    }

    [Fact]
    public async Task Main_UnknownOption_NonZeroWithAMessage()
    {
        var run = await CliRun.RunAsync(Here, null, "run", "x.sql", "--bogus");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--bogus", run.Error, StringComparison.Ordinal);
    }
}
