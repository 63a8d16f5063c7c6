using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A character string literal <c>'...'</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Value">The unescaped content.</param>
public sealed record StringLiteral(SourceSpan Span, string Value) : SqlExpression(Span);
