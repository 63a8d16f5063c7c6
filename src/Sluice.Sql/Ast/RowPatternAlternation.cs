using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>Alternative row patterns (<c>A B | C</c>); earlier alternatives are preferred.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Alternatives">The alternatives in order of preference (at least two).</param>
public sealed record RowPatternAlternation(SourceSpan Span, NodeList<RowPattern> Alternatives) : RowPattern(Span);
