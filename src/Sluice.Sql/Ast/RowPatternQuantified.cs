using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// A quantified row pattern: <c>p*</c>, <c>p+</c>, <c>p?</c>, <c>p{n}</c>, <c>p{n,}</c>, <c>p{n,m}</c>, <c>p{,m}</c>, each
/// greedy (as many repetitions as possible are preferred) or reluctant with a trailing <c>?</c> (as few as possible).
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Pattern">The repeated pattern.</param>
/// <param name="Min">The least number of repetitions.</param>
/// <param name="Max">The greatest number of repetitions, or null for no limit.</param>
/// <param name="Reluctant">True for a reluctant quantifier.</param>
public sealed record RowPatternQuantified(SourceSpan Span, RowPattern Pattern, int Min, int? Max, bool Reluctant) : RowPattern(Span);
