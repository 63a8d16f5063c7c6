using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>Row patterns one after the other (<c>A B C</c>), with no other row in between.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Items">The patterns in order (at least two).</param>
public sealed record RowPatternConcatenation(SourceSpan Span, NodeList<RowPattern> Items) : RowPattern(Span);
