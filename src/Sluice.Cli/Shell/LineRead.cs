namespace Sluice.Cli.Shell;

/// <summary>A line read by the <see cref="LineEditor"/>.</summary>
/// <param name="Kind">How reading ended.</param>
/// <param name="Text">The line (empty unless <see cref="LineReadKind.Line"/>).</param>
internal readonly record struct LineRead(LineReadKind Kind, string Text);
