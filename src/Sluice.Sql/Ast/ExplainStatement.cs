using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>EXPLAIN [PLAN FOR | detail, ...] statement</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Details">The requested details, e.g. <c>CHANGELOG_MODE</c>.</param>
/// <param name="Statement">The explained query, insert or statement set.</param>
public sealed record ExplainStatement(
    SourceSpan Span,
    NodeList<ExplainDetail> Details,
    SqlStatement Statement)
    : SqlStatement(Span);
