using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>MAP[k1, v1, k2, v2, ...]</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Entries">Keys and values, alternating; always an even count.</param>
public sealed record MapConstructor(SourceSpan Span, NodeList<SqlExpression> Entries) : SqlExpression(Span);
