using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>One option of a <see cref="Hint"/>: <c>key = value</c>, or a bare value.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Key">The key (a string literal or identifier), or null for a bare value.</param>
/// <param name="Value">The value: a string or numeric literal or an identifier.</param>
public sealed record HintOption(SourceSpan Span, SqlExpression? Key, SqlExpression Value) : SqlNode(Span);
