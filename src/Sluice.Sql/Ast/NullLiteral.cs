using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>The untyped <c>NULL</c> literal.</summary>
/// <param name="Span">Where the node is in the source.</param>
public sealed record NullLiteral(SourceSpan Span) : SqlExpression(Span);
