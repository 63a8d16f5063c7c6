using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>CREATE CATALOG [IF NOT EXISTS] name [COMMENT '...'] WITH (...)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The catalog name.</param>
/// <param name="IfNotExists">True for <c>IF NOT EXISTS</c>.</param>
/// <param name="Comment">The comment, or null.</param>
/// <param name="Options">The options.</param>
public sealed record CreateCatalogStatement(
    SourceSpan Span,
    Identifier Name,
    bool IfNotExists,
    string? Comment,
    NodeList<Property> Options)
    : SqlStatement(Span);
