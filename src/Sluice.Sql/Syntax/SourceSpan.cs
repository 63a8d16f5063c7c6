namespace Sluice.Sql.Syntax;

/// <summary>
/// A range of SQL source text: the character offsets <see cref="Start"/> (inclusive) and <see cref="End"/>
/// (exclusive), plus the 1-based <see cref="Line"/> and <see cref="Column"/> of <see cref="Start"/>.
/// </summary>
/// <remarks>
/// Offsets and columns count UTF-16 code units; a tab is one column; <c>\r\n</c>, <c>\n</c> and a lone
/// <c>\r</c> each end a line. Immutable and thread-safe.
/// </remarks>
/// <param name="Start">The offset of the first character (0-based).</param>
/// <param name="End">The offset one past the last character (0-based); equal to <paramref name="Start"/> for an empty span.</param>
/// <param name="Line">The line of <paramref name="Start"/> (1-based).</param>
/// <param name="Column">The column of <paramref name="Start"/> (1-based).</param>
public readonly record struct SourceSpan(int Start, int End, int Line, int Column)
{
    /// <summary>An empty span at the start of the text, for nodes built by code rather than parsed.</summary>
    public static SourceSpan None => new(0, 0, 1, 1);

    /// <summary>The number of characters covered.</summary>
    public int Length => End - Start;

    /// <summary>The span from the start of this span to the end of <paramref name="other"/>.</summary>
    public SourceSpan Through(SourceSpan other) =>
        other.End <= End ? this : new SourceSpan(Start, other.End, Line, Column);

    /// <summary>The text this span covers in <paramref name="source"/>.</summary>
    public string TextOf(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Substring(Start, Length);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Column} [{Start}..{End})";
}
