using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// <c>ALTER TABLE [IF EXISTS] name ADD ...</c> or <c>... MODIFY ...</c>: one component, or several in parentheses.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The table.</param>
/// <param name="IfExists">True for <c>IF EXISTS</c>.</param>
/// <param name="Modify">True for <c>MODIFY</c> (the components replace existing ones), false for <c>ADD</c>.</param>
/// <param name="Components">The columns, primary key and watermark to add or modify.</param>
public sealed record AlterTableSchemaStatement(
    SourceSpan Span,
    QualifiedName Name,
    bool IfExists,
    bool Modify,
    NodeList<AlterTableComponent> Components)
    : SqlStatement(Span);
