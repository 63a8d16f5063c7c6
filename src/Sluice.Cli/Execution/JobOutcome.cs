using Sluice.Runtime.Execution;

namespace Sluice.Cli.Execution;

/// <summary>How a job run in the foreground ended.</summary>
/// <param name="Result">The runtime's result.</param>
/// <param name="Interrupted">True when the user pressed Ctrl-C.</param>
/// <param name="SavepointPath">The savepoint it was stopped with, if any.</param>
internal sealed record JobOutcome(JobResult Result, bool Interrupted, string? SavepointPath);
