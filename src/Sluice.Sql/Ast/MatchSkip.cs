using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>The <c>AFTER MATCH SKIP</c> clause of <c>MATCH_RECOGNIZE</c>: where the search goes on after a match.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Kind">The strategy.</param>
/// <param name="Variable">The pattern variable of <c>TO FIRST</c>, <c>TO LAST</c> and <c>TO</c>; null otherwise.</param>
public sealed record MatchSkip(SourceSpan Span, MatchSkipKind Kind, Identifier? Variable) : SqlNode(Span);
