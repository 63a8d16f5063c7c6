using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>ALTER TABLE [IF EXISTS] name SET ('k' = 'v', ...)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The table.</param>
/// <param name="IfExists">True for <c>IF EXISTS</c>.</param>
/// <param name="Options">The options set.</param>
public sealed record AlterTableSetStatement(
    SourceSpan Span,
    QualifiedName Name,
    bool IfExists,
    NodeList<Property> Options)
    : SqlStatement(Span);
