using System.CommandLine;
using System.Reflection;
using Sluice.Cli.Commands;

namespace Sluice.Cli;

/// <summary>
/// The <c>sluice</c> command: <c>sluice run FILE.sql</c> runs a script, <c>sluice sql</c> starts the interactive shell,
/// <c>--version</c> and <c>--help</c> as usual. <see cref="RunAsync"/> is the whole program over a
/// <see cref="CliConsole"/>, so tests run it in process with captured output.
/// </summary>
internal static class Program
{
    /// <summary>The version of the CLI (the assembly's informational version).</summary>
    public static string Version { get; } =
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(Program).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    private static Task<int> Main(string[] args) => RunAsync(args, CliConsole.FromSystem());

    /// <summary>Runs the command line <paramref name="args"/> on <paramref name="console"/> and returns the exit code.</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="console">Standard streams, directories and Ctrl-C.</param>
    /// <param name="time">The clock of jobs and progress (the system clock by default).</param>
    public static async Task<int> RunAsync(string[] args, CliConsole console, TimeProvider? time = null)
    {
        var root = CliCommands.Create(console, time ?? TimeProvider.System);
        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await root.Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
    }
}
