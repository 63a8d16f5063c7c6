using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>ALTER TABLE [IF EXISTS] name RENAME column TO new_column</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The table.</param>
/// <param name="IfExists">True for <c>IF EXISTS</c>.</param>
/// <param name="Column">The column to rename.</param>
/// <param name="NewName">Its new name.</param>
public sealed record AlterTableRenameColumnStatement(
    SourceSpan Span,
    QualifiedName Name,
    bool IfExists,
    Identifier Column,
    Identifier NewName)
    : SqlStatement(Span);
