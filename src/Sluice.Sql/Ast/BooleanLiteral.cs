using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>TRUE</c> or <c>FALSE</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Value">The value.</param>
public sealed record BooleanLiteral(SourceSpan Span, bool Value) : SqlExpression(Span);
