using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>CREATE [TEMPORARY] VIEW [IF NOT EXISTS] name [(columns)] [COMMENT '...'] AS query</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The view name.</param>
/// <param name="IsTemporary">True for <c>TEMPORARY</c>.</param>
/// <param name="IfNotExists">True for <c>IF NOT EXISTS</c>.</param>
/// <param name="Columns">The column names; empty when not given.</param>
/// <param name="Comment">The comment, or null.</param>
/// <param name="Query">The view's query.</param>
public sealed record CreateViewStatement(
    SourceSpan Span,
    QualifiedName Name,
    bool IsTemporary,
    bool IfNotExists,
    NodeList<Identifier> Columns,
    string? Comment,
    SqlQuery Query)
    : SqlStatement(Span);
