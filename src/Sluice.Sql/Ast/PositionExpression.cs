using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>POSITION(needle IN haystack [FROM start])</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Needle">The searched string.</param>
/// <param name="Haystack">The string searched in.</param>
/// <param name="Start">The start position, if written.</param>
public sealed record PositionExpression(
    SourceSpan Span,
    SqlExpression Needle,
    SqlExpression Haystack,
    SqlExpression? Start)
    : SqlExpression(Span);
