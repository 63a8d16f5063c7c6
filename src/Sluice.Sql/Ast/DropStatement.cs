using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// <c>DROP [TEMPORARY [SYSTEM]] TABLE|VIEW|FUNCTION|CATALOG|DATABASE [IF EXISTS] name [RESTRICT|CASCADE]</c>.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Kind">What is dropped.</param>
/// <param name="Name">The object name.</param>
/// <param name="IfExists">True for <c>IF EXISTS</c>.</param>
/// <param name="IsTemporary">True for <c>TEMPORARY</c>.</param>
/// <param name="IsSystem">True for <c>TEMPORARY SYSTEM FUNCTION</c>.</param>
/// <param name="Behavior"><c>RESTRICT</c> or <c>CASCADE</c>, as written.</param>
public sealed record DropStatement(
    SourceSpan Span,
    DropObjectKind Kind,
    QualifiedName Name,
    bool IfExists,
    bool IsTemporary,
    bool IsSystem,
    DropBehavior Behavior)
    : SqlStatement(Span);
