using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Sluice.Cli.Execution;
using Sluice.Cli.Shell;

namespace Sluice.Cli.Commands;

/// <summary>The command tree: <c>sluice [--verbose] run|sql</c>, with <c>--help</c> and <c>--version</c>.</summary>
internal static class CliCommands
{
    /// <summary>Builds the root command, whose actions run on <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Show informational messages and the stack traces of errors.",
            Recursive = true,
        };
        var root = new Command("sluice", "Sluice: a stateful stream processor that runs Flink SQL.");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption { Action = new VersionAction() });
        root.Options.Add(verbose);

        var run = new RunCommand(verbose);
        run.SetAction((result, _) => GuardAsync(console, result.GetValue(verbose),
            () => new ScriptRunner(console, run.Bind(result, console.CurrentDirectory), time).RunAsync()));
        root.Subcommands.Add(run);

        var shell = new ShellCommand(verbose);
        shell.SetAction((result, _) => GuardAsync(console, result.GetValue(verbose), () =>
        {
            var init = result.GetValue(shell.Init);
            return new SqlShell(console, init is null ? null : console.ResolvePath(init), init, result.GetValue(verbose), time).RunAsync();
        }));
        root.Subcommands.Add(shell);
        root.Subcommands.Add(new ServerCommand(console, time));
        root.Subcommands.Add(new DeployCommand(console));
        root.Subcommands.Add(new DeploymentsCommand(console));
        root.Subcommands.Add(new Bench.BenchCommand(console, time));
        return root;
    }

    /// <summary>Runs a command, turning an unexpected exception into a message and exit code 1.</summary>
    private static async Task<int> GuardAsync(CliConsole console, bool verbose, Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            new ErrorReporter(console.Error, verbose).Report(ex);
            return ExitCodes.Failure;
        }
    }

    /// <summary>Prints <c>sluice VERSION</c> (the CLI's own version, also when hosted by a test runner).</summary>
    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine($"sluice {Program.Version}");
            return ExitCodes.Success;
        }
    }
}
