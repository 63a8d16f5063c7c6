using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>An unsigned numeric literal, kept as written (e.g. <c>42</c>, <c>4.20</c>, <c>1E3</c>).</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Text">The literal's source text.</param>
/// <param name="Kind">Exact integer, exact decimal or approximate.</param>
public sealed record NumericLiteral(SourceSpan Span, string Text, NumericLiteralKind Kind) : SqlExpression(Span);
