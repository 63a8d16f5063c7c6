using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>SET</c> (list the session options) or <c>SET 'key' = 'value'</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Key">The key, or null for a bare <c>SET</c>.</param>
/// <param name="Value">The value, or null for a bare <c>SET</c>.</param>
public sealed record SetStatement(SourceSpan Span, string? Key, string? Value) : SqlStatement(Span);
