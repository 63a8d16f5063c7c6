using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A <c>'key' = 'value'</c> option, as in <c>WITH (...)</c> or <c>ALTER TABLE ... SET (...)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Key">The option key.</param>
/// <param name="Value">The option value.</param>
public sealed record Property(SourceSpan Span, string Key, string Value) : SqlNode(Span);
