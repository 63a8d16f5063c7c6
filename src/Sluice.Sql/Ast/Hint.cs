using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// A hint such as <c>/*+ OPTIONS('k'='v') */</c> after a table name or <c>SELECT</c>; recorded, not interpreted, by the
/// parser.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The hint name, e.g. <c>OPTIONS</c>.</param>
/// <param name="Options">The options in parentheses; empty when the hint has none.</param>
public sealed record Hint(SourceSpan Span, Identifier Name, NodeList<HintOption> Options) : SqlNode(Span);
