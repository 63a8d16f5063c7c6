using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A named argument <c>name =&gt; value</c>, e.g. <c>DATA =&gt; TABLE t</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The parameter name.</param>
/// <param name="Value">The argument.</param>
public sealed record NamedArgument(SourceSpan Span, Identifier Name, SqlExpression Value) : SqlExpression(Span);
