using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>One <c>SUBSET</c> item of <c>MATCH_RECOGNIZE</c>: <c>name = (variable, ...)</c>, a union of pattern variables.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The name of the union.</param>
/// <param name="Variables">The pattern variables it contains.</param>
public sealed record MatchSubset(SourceSpan Span, Identifier Name, NodeList<Identifier> Variables) : SqlNode(Span);
