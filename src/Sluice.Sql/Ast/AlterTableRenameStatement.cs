using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>ALTER TABLE [IF EXISTS] name RENAME TO new_name</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The table.</param>
/// <param name="IfExists">True for <c>IF EXISTS</c>.</param>
/// <param name="NewName">The new name.</param>
public sealed record AlterTableRenameStatement(
    SourceSpan Span,
    QualifiedName Name,
    bool IfExists,
    QualifiedName NewName)
    : SqlStatement(Span);
