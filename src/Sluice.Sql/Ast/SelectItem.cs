using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>One select list item: <c>expr [[AS] alias]</c>, <c>*</c> or <c>t.*</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Expression">The value (a <see cref="StarExpression"/> for <c>*</c>).</param>
/// <param name="Alias">The alias, if written.</param>
public sealed record SelectItem(SourceSpan Span, SqlExpression Expression, Identifier? Alias) : SqlNode(Span);
