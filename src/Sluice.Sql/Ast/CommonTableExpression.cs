using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>One <c>name [(columns)] AS (query)</c> of a <c>WITH</c> clause.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The name.</param>
/// <param name="Columns">The column aliases; empty when none are given.</param>
/// <param name="Query">The query.</param>
public sealed record CommonTableExpression(
    SourceSpan Span,
    Identifier Name,
    NodeList<Identifier> Columns,
    SqlQuery Query)
    : SqlNode(Span);
