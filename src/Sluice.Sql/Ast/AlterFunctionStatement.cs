using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// <c>ALTER [TEMPORARY [SYSTEM]] FUNCTION [IF EXISTS] [catalog.][db.]name AS 'class' [LANGUAGE ...]</c>: points a
/// catalog function at another class (Flink rejects the temporary forms).
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The function name.</param>
/// <param name="IsTemporary">True for <c>TEMPORARY</c>.</param>
/// <param name="IsSystem">True for <c>TEMPORARY SYSTEM</c>.</param>
/// <param name="IfExists">True for <c>IF EXISTS</c>.</param>
/// <param name="ClassName">The new implementation's class name.</param>
/// <param name="Language">The <c>LANGUAGE</c>, as written.</param>
public sealed record AlterFunctionStatement(
    SourceSpan Span,
    QualifiedName Name,
    bool IsTemporary,
    bool IsSystem,
    bool IfExists,
    string ClassName,
    FunctionLanguage Language)
    : SqlStatement(Span);
