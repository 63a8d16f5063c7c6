using Sluice.Cli.Commands;

namespace Sluice.Cli.Tests.Commands;

public class ServerCommandTests
{
    private static readonly string Here = Path.Combine(Path.GetTempPath(), "sluice-cli-tests");

    private static (System.CommandLine.ParseResult Result, ServerCommand Server) Parse(params string[] args)
    {
        var (console, _, _) = CliRun.Console(Here);
        var root = CliCommands.Create(console, TimeProvider.System);
        return (root.Parse(args), root.Subcommands.OfType<ServerCommand>().Single());
    }

    [Theory]
    [InlineData(null, 30_000)]
    [InlineData("10s", 10_000)]
    [InlineData("500 ms", 500)]
    [InlineData("2min", 120_000)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    public void ShutdownSavepointTimeout_DefaultsTo30s_AndZeroMeansNoSavepoint(string? value, int expectedMillis)
    {
        var (result, server) = Parse(value is null ? ["server"] : ["server", "--shutdown-savepoint-timeout", value]);
        Assert.Empty(result.Errors);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMillis), server.Bind(result).ShutdownSavepointTimeout);
    }

    [Theory]
    [InlineData("server", "--shutdown-savepoint-timeout", "soon", "is not a duration")]
    [InlineData("server", "--shutdown-savepoint-timeout", "1 fortnight", "is not a duration")]
    [InlineData("run", "--checkpoint-interval", "0s", "must be positive")]
    public void Durations_Invalid_AreParseErrorsThatSayWhy(string command, string option, string value, string expected)
    {
        var (result, _) = Parse(command == "run" ? [command, "script.sql", option, value] : [command, option, value]);
        Assert.Contains(result.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Bind_PassesTheOtherOptionsThrough()
    {
        var (result, server) = Parse("server", "--port", "0", "--bind", "0.0.0.0", "--data-dir", "state", "--require-auth", "--file-root", "a", "--file-root", "b");
        Assert.Empty(result.Errors);
        var options = server.Bind(result);
        Assert.Equal(0, options.Port);
        Assert.Equal("0.0.0.0", options.Bind);
        Assert.Equal(Path.Combine(Here, "state"), options.DataDirectory);
        Assert.True(options.RequireAuthentication);
        Assert.Equal([Path.Combine(Here, "a"), Path.Combine(Here, "b")], options.FileRoots);
    }
}
