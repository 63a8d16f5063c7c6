using System.CommandLine;

namespace Sluice.Cli.Commands;

/// <summary><c>sluice sql [--init FILE.sql]</c>: the interactive SQL shell (see <see cref="Shell.SqlShell"/>).</summary>
internal sealed class ShellCommand : Command
{
    /// <summary>Creates the command; <paramref name="verbose"/> is the root's recursive option.</summary>
    public ShellCommand(Option<bool> verbose)
        : base("sql", "Start the interactive SQL shell.")
    {
        Verbose = verbose;
        Init = new Option<string?>("--init", "-i")
        {
            Description = "A SQL script to run first (e.g. CREATE TABLE and SET statements).",
            HelpName = "FILE",
        };
        Options.Add(Init);
    }

    /// <summary><c>--init</c>.</summary>
    public Option<string?> Init { get; }

    /// <summary>The root's <c>--verbose</c>.</summary>
    public Option<bool> Verbose { get; }
}
