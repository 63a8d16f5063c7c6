using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A possibly qualified name, e.g. <c>catalog.db.table</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Parts">The parts, outermost first; never empty.</param>
public sealed record QualifiedName(SourceSpan Span, NodeList<Identifier> Parts) : SqlNode(Span)
{
    /// <summary>The last (innermost) part, e.g. the table name of <c>catalog.db.table</c>.</summary>
    public Identifier Last => Parts[Parts.Count - 1];

    /// <summary>True when the name has a single part.</summary>
    public bool IsSimple => Parts.Count == 1;
}
