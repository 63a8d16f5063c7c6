using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// The base of every syntax tree node. Nodes are immutable records that carry the <see cref="SourceSpan"/> they were
/// parsed from; equality is structural and includes spans (two parses of the same text are equal).
/// </summary>
/// <remarks>
/// <see cref="ToString"/> returns the canonical SQL of the node (<see cref="SqlFormatter.Format(SqlNode)"/>), so two
/// trees that differ only in spans can be compared through their text. Thread-safe.
/// </remarks>
/// <param name="Span">Where the node is in the source.</param>
public abstract record SqlNode(SourceSpan Span)
{
    /// <summary>The canonical SQL text of this node.</summary>
    public sealed override string ToString() => SqlFormatter.Format(this);
}
