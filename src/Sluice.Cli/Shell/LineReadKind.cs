namespace Sluice.Cli.Shell;

/// <summary>What reading a line ended with.</summary>
internal enum LineReadKind
{
    /// <summary>A line (Enter).</summary>
    Line,

    /// <summary>Ctrl-C: the input was abandoned.</summary>
    Interrupted,

    /// <summary>Ctrl-D on an empty line, or the end of input.</summary>
    EndOfInput,
}
