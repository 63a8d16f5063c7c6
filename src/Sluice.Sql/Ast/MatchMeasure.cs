using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>One <c>MEASURES</c> item of <c>MATCH_RECOGNIZE</c>: <c>expr AS name</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Expression">The value, over the rows of a match.</param>
/// <param name="Name">The output column name.</param>
public sealed record MatchMeasure(SourceSpan Span, SqlExpression Expression, Identifier Name) : SqlNode(Span);
