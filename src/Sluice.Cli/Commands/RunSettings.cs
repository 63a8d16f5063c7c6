using Sluice.Cli.Output;

namespace Sluice.Cli.Commands;

/// <summary>The options of <c>sluice run</c>, with paths resolved against the caller's directory.</summary>
/// <param name="ScriptPath">The absolute path of the script.</param>
/// <param name="ScriptName">The script as the user named it (for messages).</param>
/// <param name="Parallelism">The parallelism of every operator.</param>
/// <param name="CheckpointDirectory">The absolute checkpoint directory, or null for the default (<c>.sluice</c> under the current directory).</param>
/// <param name="CheckpointInterval">The checkpoint interval, or null for none.</param>
/// <param name="FromSavepoint">The absolute savepoint path, <c>latest</c>, or null.</param>
/// <param name="Output">The result format of queries.</param>
/// <param name="Verbose">Show informational lines and stack traces.</param>
internal sealed record RunSettings(
    string ScriptPath,
    string ScriptName,
    int Parallelism,
    string? CheckpointDirectory,
    TimeSpan? CheckpointInterval,
    string? FromSavepoint,
    OutputFormat Output,
    bool Verbose);
