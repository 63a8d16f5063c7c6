namespace Sluice.Cli.Execution;

/// <summary>SQL text and the name it is reported under.</summary>
/// <param name="Name">The file name as the user gave it, or null (the shell).</param>
/// <param name="Text">The whole text.</param>
internal sealed record SqlSource(string? Name, string Text);
