using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>One <c>KEY k VALUE v</c> entry of a <see cref="JsonObjectExpression"/>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Key">The key.</param>
/// <param name="Value">The value.</param>
public sealed record JsonKeyValue(SourceSpan Span, SqlExpression Key, SqlExpression Value) : SqlNode(Span);
