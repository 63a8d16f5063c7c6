using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>ALTER TABLE [IF EXISTS] name RESET ('k', ...)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The table.</param>
/// <param name="IfExists">True for <c>IF EXISTS</c>.</param>
/// <param name="Keys">The option keys reset.</param>
public sealed record AlterTableResetStatement(
    SourceSpan Span,
    QualifiedName Name,
    bool IfExists,
    NodeList<StringLiteral> Keys)
    : SqlStatement(Span);
