using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A table alias with optional column aliases: <c>AS t (a, b)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The alias.</param>
/// <param name="Columns">The column aliases; empty when none are given.</param>
public sealed record TableAlias(SourceSpan Span, Identifier Name, NodeList<Identifier> Columns) : SqlNode(Span);
