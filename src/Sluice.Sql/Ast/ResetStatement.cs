using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>RESET</c> (all session options) or <c>RESET 'key'</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Key">The key, or null for a bare <c>RESET</c>.</param>
public sealed record ResetStatement(SourceSpan Span, string? Key) : SqlStatement(Span);
