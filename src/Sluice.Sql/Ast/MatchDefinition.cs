using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>One <c>DEFINE</c> item of <c>MATCH_RECOGNIZE</c>: <c>variable AS condition</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Variable">The pattern variable.</param>
/// <param name="Condition">The condition a row must meet to be mapped to the variable.</param>
public sealed record MatchDefinition(SourceSpan Span, Identifier Variable, SqlExpression Condition) : SqlNode(Span);
