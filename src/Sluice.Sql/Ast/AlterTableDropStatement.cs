using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// <c>ALTER TABLE [IF EXISTS] name DROP column | (column, ...) | PRIMARY KEY | CONSTRAINT name | WATERMARK</c>.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The table.</param>
/// <param name="IfExists">True for <c>IF EXISTS</c>.</param>
/// <param name="Columns">The columns to drop (empty when a constraint or the watermark is dropped).</param>
/// <param name="PrimaryKey">True for <c>DROP PRIMARY KEY</c>.</param>
/// <param name="Constraint">The constraint named by <c>DROP CONSTRAINT</c>.</param>
/// <param name="Watermark">True for <c>DROP WATERMARK</c>.</param>
public sealed record AlterTableDropStatement(
    SourceSpan Span,
    QualifiedName Name,
    bool IfExists,
    NodeList<Identifier> Columns,
    bool PrimaryKey,
    Identifier? Constraint,
    bool Watermark)
    : SqlStatement(Span);
