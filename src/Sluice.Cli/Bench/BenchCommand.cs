using System.CommandLine;
using Sluice.Cli.Execution;

namespace Sluice.Cli.Bench;

/// <summary><c>sluice bench</c>: benchmarks; <c>nexmark</c> is the one there is (<see cref="NexmarkBenchCommand"/>).</summary>
internal sealed class BenchCommand : Command
{
    public BenchCommand(CliConsole console, TimeProvider time)
        : base("bench", "Run benchmarks.")
    {
        var nexmark = new NexmarkBenchCommand();
        nexmark.SetAction(async (result, _) =>
        {
            try
            {
                return await new NexmarkBenchRunner(console, nexmark.Bind(result), time).RunAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                new ErrorReporter(console.Error, verbose: true).Report(ex);
                return ExitCodes.Failure;
            }
        });
        Subcommands.Add(nexmark);
    }
}
