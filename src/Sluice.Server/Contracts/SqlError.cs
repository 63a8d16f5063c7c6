namespace Sluice.Server.Contracts;

/// <summary>An error in a script, with its position.</summary>
/// <param name="Message">What is wrong.</param>
/// <param name="Line">The line (1-based).</param>
/// <param name="Column">The column (1-based).</param>
internal sealed record SqlError(string Message, int Line, int Column);
