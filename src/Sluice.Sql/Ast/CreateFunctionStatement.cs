using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// <c>CREATE [TEMPORARY [SYSTEM]] FUNCTION [IF NOT EXISTS] name AS 'class' [LANGUAGE ...] [USING JAR '...', ...]</c>;
/// executed by <see cref="Functions.UserDefinedFunctionLoader"/> (C# classes from .NET assemblies).
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The function name.</param>
/// <param name="IsTemporary">True for <c>TEMPORARY</c>.</param>
/// <param name="IsSystem">True for <c>TEMPORARY SYSTEM</c>.</param>
/// <param name="IfNotExists">True for <c>IF NOT EXISTS</c>.</param>
/// <param name="ClassName">The implementation's class name.</param>
/// <param name="Language">The <c>LANGUAGE</c>, as written.</param>
/// <param name="Jars">The <c>USING JAR</c> paths.</param>
public sealed record CreateFunctionStatement(
    SourceSpan Span,
    QualifiedName Name,
    bool IsTemporary,
    bool IsSystem,
    bool IfNotExists,
    string ClassName,
    FunctionLanguage Language,
    NodeList<StringLiteral> Jars)
    : SqlStatement(Span);
