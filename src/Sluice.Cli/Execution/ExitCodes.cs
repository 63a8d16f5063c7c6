namespace Sluice.Cli.Execution;

/// <summary>The exit codes of the <c>sluice</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything succeeded (a job stopped with a savepoint on request counts as success).</summary>
    public const int Success = 0;

    /// <summary>A statement, a job or the input failed; the message is on standard error.</summary>
    public const int Failure = 1;

    /// <summary>The command line was not understood (System.CommandLine's own code for parse errors is 1; ours for usage is 2).</summary>
    public const int Usage = 2;

    /// <summary>Interrupted with Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
