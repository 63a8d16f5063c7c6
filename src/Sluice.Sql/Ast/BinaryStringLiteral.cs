using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A binary string literal <c>X'...'</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="HexDigits">The hexadecimal digits, as written.</param>
public sealed record BinaryStringLiteral(SourceSpan Span, string HexDigits) : SqlExpression(Span);
