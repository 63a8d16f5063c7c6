using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// <c>ALTER CATALOG name SET ('k' = 'v', ...)</c>, <c>ALTER CATALOG name RESET ('k', ...)</c> or
/// <c>ALTER CATALOG name COMMENT '...'</c> (Flink 2): exactly one of <see cref="Options"/>, <see cref="ResetKeys"/>
/// and <see cref="Comment"/> is given.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The catalog.</param>
/// <param name="Options">The options set (SET), else empty.</param>
/// <param name="ResetKeys">The option keys reset (RESET), else empty.</param>
/// <param name="Comment">The new comment (COMMENT), else null.</param>
public sealed record AlterCatalogStatement(
    SourceSpan Span,
    Identifier Name,
    NodeList<Property> Options,
    NodeList<StringLiteral> ResetKeys,
    string? Comment)
    : SqlStatement(Span);
