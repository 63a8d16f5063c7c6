using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// A literal of a date-time type: <c>DATE '...'</c>, <c>TIME '...'</c>, <c>TIMESTAMP '...'</c>, <c>TIMESTAMP WITH LOCAL
/// TIME ZONE '...'</c>.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Kind">The type named before the string.</param>
/// <param name="Value">The string content, unvalidated.</param>
public sealed record TypedLiteral(SourceSpan Span, TypedLiteralKind Kind, string Value) : SqlExpression(Span);
